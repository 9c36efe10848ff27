package io.engram.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.EpropConfig;
import io.engram.config.EpropFeedback;
import io.engram.config.EpropOptimizer;
import io.engram.snn.ClockEncoder;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.snn.NeuronParameters;
import io.engram.snn.SpikeRaster;
import io.engram.snn.Trainee;
import io.engram.synapse.FloatSynapticMatrix;
import io.engram.synapse.WeightMatrix;
import io.engram.task.MotionTask;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * E-prop with symmetric feedback equals backpropagation through time when the gradient through
 * recurrent spikes (and resets) is stopped: Bellec et al.'s property, checked against a small
 * BPTT written here from SPEC section 3's equations.
 */
class EpropBpttTest {

  private static final int INPUTS = 3;
  private static final int NEURONS = 12;
  private static final int READOUTS = 2;
  private static final int STEPS = 40;
  private static final NeuronParameters LIF = NeuronParameters.trainee();

  /** A small trainee driven by a 3-channel clock, with weights that make it fire. */
  private static Trainee trainee(long seed, double[][] weights) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] in = new double[INPUTS * NEURONS];
    double[] rec = new double[NEURONS * NEURONS];
    double[] out = new double[NEURONS * READOUTS];
    for (int i = 0; i < in.length; i++) {
      in[i] = 0.9 * rng.nextGaussian() + 0.5;
    }
    for (int i = 0; i < rec.length; i++) {
      rec[i] = i / NEURONS == i % NEURONS ? 0 : 0.4 * rng.nextGaussian();
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = 0.3 * rng.nextGaussian();
    }
    weights[0] = in;
    weights[1] = rec;
    weights[2] = out;
    NetworkShape shape = new NetworkShape(INPUTS, NEURONS, 0, READOUTS);
    return Trainee.create(
        new NetworkParameters(shape, LIF),
        new FloatSynapticMatrix(shape.synapticRows(), NEURONS),
        WeightMatrix.of(INPUTS, NEURONS, in),
        WeightMatrix.of(NEURONS, NEURONS, rec),
        WeightMatrix.of(NEURONS, READOUTS, out),
        new ClockEncoder(INPUTS, 8, 2));
  }

  private static MotionTask target(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] omega = new double[STEPS * READOUTS];
    for (int i = 0; i < omega.length; i++) {
      omega[i] = rng.nextGaussian();
    }
    return new MotionTask(STEPS, READOUTS, omega, new double[STEPS * READOUTS], new double[STEPS * 3], false);
  }

  private static EpropConfig config(double rateRegularisation) {
    return new EpropConfig(1, EpropOptimizer.SGD, 1e-3, EpropFeedback.SYMMETRIC, 1, rateRegularisation, 30.0);
  }

  /** Gradients by BPTT with stopped recurrent-spike and reset paths; {in, rec, out, loss}. */
  private static double[][] bptt(double[] win, double[] wrec, double[] wout, SpikeRaster x, MotionTask task, double c, double f0Hz) {
    double alpha = LIF.alpha();
    double kappa = LIF.kappa();
    double thr = LIF.baseThreshold();
    double vth = LIF.thresholdScale();
    double gamma = LIF.pseudoDerivativeDampening();
    int nRef = LIF.refractorySteps();
    int n = NEURONS;
    int m = READOUTS;
    int T = STEPS;
    double[][] xs = new double[T][INPUTS];
    int[] active = new int[INPUTS];
    for (int t = 0; t < T; t++) {
      int k = x.copyActive(t, active, 0);
      for (int a = 0; a < k; a++) {
        xs[t][active[a]] = 1;
      }
    }
    // Forward pass.
    double[][] z = new double[T + 1][n]; // z[t + 1] is z_t; z[0] is z_{-1} = 0
    double[][] psi = new double[T][n];
    double[][] y = new double[T][m];
    double[] v = new double[n];
    int[] r = new int[n];
    double[] yPrev = new double[m];
    for (int t = 0; t < T; t++) {
      for (int j = 0; j < n; j++) {
        double in = 0;
        for (int i = 0; i < INPUTS; i++) {
          in += win[i * n + j] * xs[t][i];
        }
        for (int i = 0; i < n; i++) {
          in += (i == j ? 0 : wrec[i * n + j]) * z[t][i];
        }
        v[j] = alpha * v[j] + in - thr * z[t][j];
        boolean refractory = r[j] > 0;
        z[t + 1][j] = !refractory && v[j] - thr > 0 ? 1 : 0;
        psi[t][j] = refractory ? 0 : gamma / vth * Math.max(0, 1 - Math.abs((v[j] - thr) / vth));
        r[j] = Math.max(0, Math.min(nRef, r[j] + nRef * (int) z[t + 1][j] - 1));
      }
      for (int k = 0; k < m; k++) {
        double s = kappa * yPrev[k];
        for (int j = 0; j < n; j++) {
          s += wout[j * m + k] * z[t + 1][j];
        }
        y[t][k] = s;
      }
      yPrev = y[t];
    }
    // Loss: 1/(2T) sum (y - y*)^2 + c/2 sum_j (f_j - f0)^2, f per step.
    double f0 = f0Hz * LIF.dtMs() / 1000;
    double loss = 0;
    double[] rateGrad = new double[n];
    for (int j = 0; j < n; j++) {
      double f = 0;
      for (int t = 0; t < T; t++) {
        f += z[t + 1][j] / T;
      }
      loss += 0.5 * c * (f - f0) * (f - f0);
      rateGrad[j] = c * (f - f0) / T; // dE_reg / dz_j(t)
    }
    // Backward pass: dE/dy_k(t) through the leaky readout, dE/dz_j(t) through W_out only,
    // dE/dv_j(t) = psi dE/dz + alpha dE/dv_j(t+1).
    double[][] gy = new double[T][m];
    double[] carry = new double[m];
    for (int t = T - 1; t >= 0; t--) {
      for (int k = 0; k < m; k++) {
        double e = y[t][k] - task.omega(t, k);
        if (t == T - 1) {
          carry[k] = 0;
        }
        gy[t][k] = e / T + kappa * carry[k];
        carry[k] = gy[t][k];
      }
    }
    for (int t = 0; t < T; t++) {
      for (int k = 0; k < m; k++) {
        double e = y[t][k] - task.omega(t, k);
        loss += 0.5 * e * e / T;
      }
    }
    double[] gin = new double[INPUTS * n];
    double[] grec = new double[n * n];
    double[] gout = new double[n * m];
    double[] gvNext = new double[n];
    for (int t = T - 1; t >= 0; t--) {
      double[] gv = new double[n];
      for (int j = 0; j < n; j++) {
        double gz = rateGrad[j];
        for (int k = 0; k < m; k++) {
          gz += wout[j * m + k] * gy[t][k];
          gout[j * m + k] += gy[t][k] * z[t + 1][j];
        }
        gv[j] = psi[t][j] * gz + alpha * gvNext[j];
        for (int i = 0; i < INPUTS; i++) {
          gin[i * n + j] += gv[j] * xs[t][i];
        }
        for (int i = 0; i < n; i++) {
          grec[i * n + j] += gv[j] * z[t][i];
        }
      }
      gvNext = gv;
    }
    return new double[][] {gin, grec, gout, {loss}, y[T - 1]};
  }

  private static double[] rows(double[] stacked, int from, int count) {
    double[] out = new double[count * NEURONS];
    System.arraycopy(stacked, from * NEURONS, out, 0, out.length);
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void epropGradientsEqualBpttWithStoppedRecurrentSpikes(long seed) {
    double[][] w = new double[3][];
    Trainee trainee = trainee(seed, w);
    MotionTask task = target(seed + 100);
    double c = 0.5;
    Eprop eprop = new Eprop(config(c));
    EpropGradient g = eprop.gradient(trainee, task);
    double[][] ref = bptt(w[0], w[1], w[2], trainee.input(STEPS), task, c, 30.0);

    double[] stacked = g.synaptic().toArray();
    double[] gin = rows(stacked, 0, INPUTS);
    double[] grec = rows(stacked, INPUTS, NEURONS);
    assertTrue(maxAbs(ref[0]) > 1e-3, "the reference input gradient is not trivially zero");
    assertTrue(maxAbs(ref[1]) > 1e-3, "the reference recurrent gradient is not trivially zero");
    assertArrayEquals(ref[0], gin, 1e-4 * maxAbs(ref[0]), "dE/dW_in");
    assertArrayEquals(ref[1], grec, 1e-4 * maxAbs(ref[1]), "dE/dW_rec");
    assertArrayEquals(ref[2], g.readout().toArray(), 1e-4 * maxAbs(ref[2]), "dE/dW_out");
    assertEquals(ref[3][0], g.loss(), 1e-9 * ref[3][0], "loss");
  }

  @Test
  void theRateRegulariserChangesTheGradientAsBpttDoes() {
    double[][] w = new double[3][];
    Trainee trainee = trainee(7, w);
    MotionTask task = target(8);
    double[] without = new Eprop(config(0)).gradient(trainee, task).synaptic().toArray();
    double[] with = new Eprop(config(5)).gradient(trainee, task).synaptic().toArray();
    double[][] r0 = bptt(w[0], w[1], w[2], trainee.input(STEPS), task, 0, 30.0);
    double[][] r5 = bptt(w[0], w[1], w[2], trainee.input(STEPS), task, 5, 30.0);
    double[] diff = new double[with.length];
    double[] refDiff = new double[with.length];
    for (int i = 0; i < diff.length; i++) {
      diff[i] = with[i] - without[i];
      int row = i / NEURONS;
      refDiff[i] = row < INPUTS ? r5[0][i] - r0[0][i] : r5[1][i - INPUTS * NEURONS] - r0[1][i - INPUTS * NEURONS];
    }
    assertTrue(maxAbs(refDiff) > 1e-4, "the regulariser acts");
    assertArrayEquals(refDiff, diff, 1e-4 * maxAbs(refDiff));
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
