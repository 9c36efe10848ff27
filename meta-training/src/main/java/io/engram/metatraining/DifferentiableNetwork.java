package io.engram.metatraining;

import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.snn.NeuronParameters;
import io.engram.snn.SpikeRaster;

/**
 * The runtime's spiking network ({@link io.engram.snn.SpikingNetwork}: same equations, same
 * parameters, bit-identical spikes in {@link SpikeFunction#HEAVISIDE} mode, as a test checks) with
 * its whole trial recorded and a backward pass through time.
 *
 * <p>The backward pass takes adjoints of the readouts, of the outputs z, of the pseudo-derivatives
 * psi and of the presynaptic traces zbar_t = alpha zbar_{t-1} + z_{t-1}, and accumulates the
 * gradients of the input, recurrent and readout weights. Spikes pass gradients through psi
 * (straight-through pseudo-derivative); psi itself is differentiated exactly (the triangle's
 * slope), so the second-order terms of natural e-prop are kept. Gradients flow through the reset
 * and the ALIF threshold adaptation; the refractory mask is treated as constant.
 *
 * <p>Weights are flat row-major arrays laid out [from][to]: input (inputs x neurons), recurrent
 * (neurons x neurons, diagonal ignored and given zero gradient), readout (neurons x readouts).
 * Stateless: one instance may serve many threads.
 */
public final class DifferentiableNetwork {

  private final NetworkShape shape;
  private final NeuronParameters np;
  private final SpikeFunction spike;
  private final double alpha;
  private final double kappa;
  private final double rho;
  private final boolean dense;

  public DifferentiableNetwork(NetworkParameters parameters, SpikeFunction spike) {
    this(parameters, spike, false);
  }

  /**
   * @param dense skip no zero: every step multiplies and accumulates over all rows, as a dense
   *     matrix implementation (a deep-learning framework's) would. Same results; it exists as the
   *     baseline the benchmarks compare the event-driven passes with.
   */
  public DifferentiableNetwork(NetworkParameters parameters, SpikeFunction spike, boolean dense) {
    this.dense = dense;
    this.shape = parameters.shape();
    this.np = parameters.neurons();
    this.spike = spike;
    this.alpha = np.alpha();
    this.kappa = np.kappa();
    this.rho = np.rho();
  }

  public NetworkShape shape() {
    return shape;
  }

  public NeuronParameters neurons() {
    return np;
  }

  /**
   * A copy of the n x n matrix {@code w} with a zero diagonal (no self-connections), transposed if
   * asked: the loops over it then run without a branch per element.
   */
  static double[] withoutDiagonal(double[] w, int n, boolean transpose) {
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < n; c++) {
        if (c != i) {
          out[transpose ? c * n + i : i * n + c] = w[i * n + c];
        }
      }
    }
    return out;
  }

  /** The pseudo-derivative psi for {@code u} (not refractory). */
  double psi(double u) {
    double vth = np.thresholdScale();
    return np.pseudoDerivativeDampening() / vth * Math.max(0.0, 1.0 - Math.abs(u) / vth);
  }

  /** The slope of psi at {@code u} (not refractory). */
  double psiSlope(double u) {
    double vth = np.thresholdScale();
    if (Math.abs(u) >= vth || u == 0) {
      return 0.0;
    }
    return -np.pseudoDerivativeDampening() / (vth * vth) * Math.signum(u);
  }

  /** Pseudo-derivatives of a trial, steps x neurons (zero where refractory). */
  public double[] pseudoDerivatives(Trajectory tr) {
    double[] psi = new double[tr.u().length];
    for (int k = 0; k < psi.length; k++) {
      psi[k] = tr.refractory()[k] ? 0.0 : psi(tr.u()[k]);
    }
    return psi;
  }

  /** Runs a trial from rest on {@code input} and records it. */
  public Trajectory forward(double[] wIn, double[] wRec, double[] wOut, SpikeRaster input) {
    final int n = shape.neurons();
    final int m = shape.readouts();
    final int lif = shape.lifNeurons();
    final int steps = input.steps();
    final double thr0 = np.baseThreshold();
    final double beta = np.adaptationStrength();
    final double gamma = np.pseudoDerivativeDampening();
    final double vth = np.thresholdScale();
    final int nRef = np.refractorySteps();
    double[] z = new double[steps * n];
    double[] u = new double[steps * n];
    double[] thrRec = new double[steps * n];
    boolean[] refr = new boolean[steps * n];
    double[] y = new double[steps * m];
    double[] v = new double[n];
    double[] b = new double[n];
    int[] r = new int[n];
    double[] current = new double[n];
    double[] yNow = new double[m];
    int[] active = new int[shape.inputs()];
    double[] rec = withoutDiagonal(wRec, n, false);
    for (int t = 0; t < steps; t++) {
      java.util.Arrays.fill(current, 0.0);
      if (dense) {
        for (int i = 0; i < shape.inputs(); i++) {
          double xi = input.isActive(t, i) ? 1.0 : 0.0;
          int base = i * n;
          for (int c = 0; c < n; c++) {
            current[c] += wIn[base + c] * xi;
          }
        }
      } else {
        int count = input.copyActive(t, active, 0);
        for (int k = 0; k < count; k++) {
          int base = active[k] * n;
          for (int c = 0; c < n; c++) {
            current[c] += wIn[base + c];
          }
        }
      }
      int prev = (t - 1) * n;
      if (t > 0) {
        for (int i = 0; i < n; i++) {
          double zi = z[prev + i];
          if (dense || zi != 0.0) {
            int base = i * n;
            for (int c = 0; c < n; c++) {
              current[c] += rec[base + c] * zi;
            }
          }
        }
      }
      int at = t * n;
      for (int j = 0; j < n; j++) {
        double zPrev = t > 0 ? z[prev + j] : 0.0;
        double thr = thr0;
        if (j >= lif) {
          b[j] = rho * b[j] + zPrev;
          thr += beta * b[j];
        }
        double vj = alpha * v[j] + current[j] - thr * zPrev;
        v[j] = vj;
        double above = vj - thr;
        boolean refractory = r[j] > 0;
        boolean fire = !refractory && above > 0;
        u[at + j] = above;
        thrRec[at + j] = thr;
        refr[at + j] = refractory;
        z[at + j] = refractory ? 0.0 : spike.value(above, gamma, vth);
        int rj = r[j] + (fire ? nRef : 0) - 1;
        r[j] = rj < 0 ? 0 : Math.min(rj, nRef);
      }
      for (int c = 0; c < m; c++) {
        yNow[c] *= kappa;
      }
      for (int j = 0; j < n; j++) {
        double zj = z[at + j];
        if (dense || zj != 0.0) {
          int base = j * m;
          for (int c = 0; c < m; c++) {
            yNow[c] += wOut[base + c] * zj;
          }
        }
      }
      System.arraycopy(yNow, 0, y, t * m, m);
    }
    return new Trajectory(steps, z, u, thrRec, refr, y);
  }

  /**
   * Backward pass through a recorded trial; every adjoint argument may be null (zero).
   *
   * @param gy adjoint of the readouts, steps x readouts
   * @param gz adjoint of the outputs z, steps x neurons (e.g. a firing-rate regulariser)
   * @param gpsi adjoint of the pseudo-derivatives, steps x neurons
   * @param gzbar adjoint of the presynaptic traces zbar_t = alpha zbar_{t-1} + z_{t-1}
   * @param gIn receives (adds) the input-weight gradient
   * @param gRec receives (adds) the recurrent-weight gradient (diagonal stays untouched)
   * @param gOut receives (adds) the readout-weight gradient
   */
  public void backward(
      Trajectory tr,
      double[] wRec,
      double[] wOut,
      SpikeRaster input,
      double[] gy,
      double[] gz,
      double[] gpsi,
      double[] gzbar,
      double[] gIn,
      double[] gRec,
      double[] gOut) {
    final int n = shape.neurons();
    final int m = shape.readouts();
    final int lif = shape.lifNeurons();
    final int steps = tr.steps();
    final double beta = np.adaptationStrength();
    double[] z = tr.z();
    double[] a = new double[m]; // readout adjoint
    double[] carry = new double[n]; // adjoint of z_t from step t+1
    double[] gv = new double[n]; // total adjoint of v_{t+1}, then v_t
    double[] gb = new double[n];
    double[] zb = new double[n]; // total adjoint of zbar
    double[] gu = new double[n];
    double[] back = new double[n]; // W_rec gv, without the diagonal
    int[] active = new int[shape.inputs()];
    double[] recT = withoutDiagonal(wRec, n, true);
    for (int t = steps - 1; t >= 0; t--) {
      int at = t * n;
      // Readouts: y_t = kappa y_{t-1} + W_out^T z_t.
      if (gy != null) {
        for (int c = 0; c < m; c++) {
          a[c] = kappa * a[c] + gy[t * m + c];
        }
      } else {
        for (int c = 0; c < m; c++) {
          a[c] *= kappa;
        }
      }
      for (int j = 0; j < n; j++) {
        double zj = z[at + j];
        int base = j * m;
        double s = 0;
        for (int c = 0; c < m; c++) {
          s += wOut[base + c] * a[c];
          if (dense || zj != 0.0) {
            gOut[base + c] += zj * a[c];
          }
        }
        double gzt = carry[j] + s + (gz != null ? gz[at + j] : 0.0);
        if (tr.refractory()[at + j]) {
          gu[j] = 0.0;
        } else {
          double uj = tr.u()[at + j];
          gu[j] = psi(uj) * gzt + (gpsi != null ? psiSlope(uj) * gpsi[at + j] : 0.0);
        }
        gv[j] = gu[j] + alpha * gv[j];
      }
      // Threshold adaptation and the reset term, both through z_{t-1}.
      int prev = (t - 1) * n;
      for (int j = lif; j < n; j++) {
        double zPrev = t > 0 ? z[prev + j] : 0.0;
        double gthr = -gu[j] - gv[j] * zPrev;
        gb[j] = beta * gthr + rho * gb[j];
      }
      // Weight gradients.
      if (dense) {
        for (int i = 0; i < shape.inputs(); i++) {
          double xi = input.isActive(t, i) ? 1.0 : 0.0;
          int base = i * n;
          for (int c = 0; c < n; c++) {
            gIn[base + c] += xi * gv[c];
          }
        }
      } else {
        int count = input.copyActive(t, active, 0);
        for (int k = 0; k < count; k++) {
          int base = active[k] * n;
          for (int c = 0; c < n; c++) {
            gIn[base + c] += gv[c];
          }
        }
      }
      if (t > 0) {
        for (int i = 0; i < n; i++) {
          double zi = z[prev + i];
          if (dense || zi != 0.0) {
            int base = i * n;
            for (int c = 0; c < n; c++) {
              if (c != i) {
                gRec[base + c] += zi * gv[c];
              }
            }
          }
        }
      }
      // Adjoint of z_{t-1}: recurrent input, reset, adaptation and trace.
      sumOfColumns(recT, gv, n, back);
      for (int i = 0; i < n; i++) {
        zb[i] = (gzbar != null ? gzbar[at + i] : 0.0) + alpha * zb[i];
        carry[i] = back[i] - tr.thr()[at + i] * gv[i] + gb[i] + zb[i];
      }
    }
  }

  /**
   * The part of {@link #backward} for a network whose neurons from {@code from} up (the "tail")
   * are LIF and project only to the readouts: adds the readout-weight gradient of every neuron and
   * the input and recurrent gradients of the weights into the tail from the inputs and from the
   * neurons below {@code from}. Those are exactly {@code backward}'s values (summed in another
   * order), since no other neuron's adjoint reaches them; every other weight is treated as frozen
   * and gets no gradient. Costs the readout backward plus tail x readouts per step.
   *
   * @throws IllegalArgumentException if the tail has ALIF neurons or a tail neuron projects to
   *     another neuron
   */
  public void tailBackward(
      Trajectory tr,
      double[] wRec,
      double[] wOut,
      SpikeRaster input,
      double[] gy,
      double[] gz,
      int from,
      double[] gIn,
      double[] gRec,
      double[] gOut) {
    final int n = shape.neurons();
    final int m = shape.readouts();
    if (from < 0 || from > n) {
      throw new IllegalArgumentException("the tail must start inside the network's " + n + " neurons, not at " + from);
    }
    if (from < n && shape.lifNeurons() < n) {
      throw new IllegalArgumentException("a trained tail must be LIF; the network has ALIF neurons");
    }
    for (int i = from; i < n; i++) {
      for (int c = 0; c < n; c++) {
        if (c != i && wRec[i * n + c] != 0.0) {
          throw new IllegalArgumentException(
              "neuron " + i + " of the trained tail projects to neuron " + c + "; a tail feeds the readouts only");
        }
      }
    }
    final int tail = n - from;
    final int steps = tr.steps();
    double[] z = tr.z();
    double[] a = new double[m];
    double[] s = new double[tail]; // W_out a over the tail
    double[] gv = new double[tail];
    double[] carry = new double[tail]; // adjoint of z_t from step t+1 (the reset)
    double[] outT = new double[m * tail]; // the tail's readout weights, transposed
    for (int j = 0; j < tail; j++) {
      for (int c = 0; c < m; c++) {
        outT[c * tail + j] = wOut[(from + j) * m + c];
      }
    }
    if (gy != null) {
      readoutBackward(tr, gy, gOut);
    }
    int[] active = new int[shape.inputs()];
    for (int t = steps - 1; t >= 0; t--) {
      int at = t * n;
      for (int c = 0; c < m; c++) {
        a[c] = kappa * a[c] + (gy != null ? gy[t * m + c] : 0.0);
      }
      sumOfColumns(outT, a, tail, s);
      for (int j = 0; j < tail; j++) {
        int k = at + from + j;
        double gzt = carry[j] + s[j] + (gz != null ? gz[k] : 0.0);
        double gu = tr.refractory()[k] ? 0.0 : psi(tr.u()[k]) * gzt;
        gv[j] = gu + alpha * gv[j];
      }
      int count = input.copyActive(t, active, 0);
      for (int q = 0; q < count; q++) {
        int base = active[q] * n + from;
        for (int j = 0; j < tail; j++) {
          gIn[base + j] += gv[j];
        }
      }
      if (t > 0) {
        int prev = (t - 1) * n;
        for (int i = 0; i < from; i++) {
          double zi = z[prev + i];
          if (zi != 0.0) {
            int base = i * n + from;
            for (int j = 0; j < tail; j++) {
              gRec[base + j] += zi * gv[j];
            }
          }
        }
      }
      for (int j = 0; j < tail; j++) {
        carry[j] = -tr.thr()[at + from + j] * gv[j];
      }
    }
  }

  /**
   * {@code out = M x} for {@code M} stored transposed ({@code mT[c * rows + i] = M[i][c]}), as a sum
   * of columns: an axpy per column vectorises where a dot product per row would not, and columns
   * whose coefficient is zero are skipped.
   */
  private static void sumOfColumns(double[] mT, double[] x, int rows, double[] out) {
    java.util.Arrays.fill(out, 0, rows, 0.0);
    for (int c = 0; c < x.length; c++) {
      double xc = x[c];
      if (xc != 0.0) {
        int base = c * rows;
        for (int i = 0; i < rows; i++) {
          out[i] += mT[base + i] * xc;
        }
      }
    }
  }

  /**
   * The readout part of {@link #backward}: adds to {@code gOut} the gradient of the readout
   * weights for readout adjoints {@code gy}, with the hidden layer held fixed. Gives exactly
   * {@code backward}'s {@code gOut}; for a network whose input and recurrent weights are frozen.
   */
  public void readoutBackward(Trajectory tr, double[] gy, double[] gOut) {
    final int n = shape.neurons();
    final int m = shape.readouts();
    double[] z = tr.z();
    double[] a = new double[m];
    for (int t = tr.steps() - 1; t >= 0; t--) {
      int at = t * n;
      for (int c = 0; c < m; c++) {
        a[c] = kappa * a[c] + gy[t * m + c];
      }
      for (int j = 0; j < n; j++) {
        double zj = z[at + j];
        if (dense || zj != 0.0) {
          int base = j * m;
          for (int c = 0; c < m; c++) {
            gOut[base + c] += zj * a[c];
          }
        }
      }
    }
  }
}
