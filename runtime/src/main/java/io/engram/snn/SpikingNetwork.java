package io.engram.snn;

import io.engram.synapse.SynapticMatrix;
import io.engram.synapse.WeightMatrix;
import java.util.Arrays;

/**
 * A recurrent network of LIF and ALIF neurons with leaky readouts, in discrete time.
 *
 * <p>Per step t, for every neuron j (x: input spikes, z: spikes, r: refractory counter, b:
 * threshold adaptation, zero for LIF neurons):
 *
 * <pre>
 *   b_t   = rho b_{t-1} + z_{t-1}                 thr_t = thr0 + beta b_t
 *   v_t   = alpha v_{t-1} + W_in^T x_t + W_rec^T z_{t-1} - thr_t z_{t-1}   (reset by subtraction)
 *   z_t   = (v_t - thr_t) / v_th &gt; 0, unless r_{t-1} &gt; 0
 *   psi_t = (gamma / v_th) max(0, 1 - |v_t - thr_t| / v_th), 0 where r_{t-1} &gt; 0
 *   r_t   = clip(r_{t-1} + n_ref z_t - 1, 0, n_ref)
 *   y_t   = kappa y_{t-1} + W_out^T z_t
 * </pre>
 *
 * The input and recurrent weights live in one {@link SynapticMatrix} of {@code inputs + neurons}
 * rows, so the product is event-driven over input spikes and last step's spikes. The recurrent
 * block's diagonal is held at zero (no autapses), whatever is programmed or added.
 */
public final class SpikingNetwork {

  private final NetworkParameters parameters;
  private final SynapticMatrix synapses;
  private final double[] readoutWeights;
  private SynapticMatrix readoutArray;
  private final double alpha;
  private final double kappa;
  private final double rho;

  /**
   * A network over {@code synapses}, programmed to the given input and recurrent weights (the
   * recurrent diagonal is dropped) and with the given readout weights.
   */
  public SpikingNetwork(
      NetworkParameters parameters,
      SynapticMatrix synapses,
      WeightMatrix input,
      WeightMatrix recurrent,
      WeightMatrix readout) {
    NetworkShape s = parameters.shape();
    if (synapses.rows() != s.synapticRows() || synapses.columns() != s.neurons()) {
      throw new IllegalArgumentException(
          "synaptic matrix is "
              + synapses.rows()
              + " x "
              + synapses.columns()
              + ", the network needs "
              + s.synapticRows()
              + " x "
              + s.neurons());
    }
    requireShape("readout", readout, s.neurons(), s.readouts());
    this.parameters = parameters;
    this.synapses = synapses;
    this.readoutWeights = readout.toArray();
    NeuronParameters n = parameters.neurons();
    this.alpha = n.alpha();
    this.kappa = n.kappa();
    this.rho = n.rho();
    program(input, recurrent);
  }

  public NetworkParameters parameters() {
    return parameters;
  }

  public NetworkShape shape() {
    return parameters.shape();
  }

  /** The input and recurrent weights, stacked. */
  public SynapticMatrix synapses() {
    return synapses;
  }

  /** A fresh resting state for this network. */
  public NetworkState newState() {
    return new NetworkState(parameters.shape());
  }

  /**
   * Programs the input and recurrent weights (recurrent diagonal dropped).
   *
   * @return the number of cells or devices written
   */
  public long program(WeightMatrix input, WeightMatrix recurrent) {
    NetworkShape s = parameters.shape();
    requireShape("input", input, s.inputs(), s.neurons());
    requireShape("recurrent", recurrent, s.neurons(), s.neurons());
    return synapses.program(input.stack(recurrent.withZeroDiagonal()).toArray());
  }

  /**
   * Adds an update to the input and recurrent weights; the recurrent diagonal is not changed.
   *
   * @param delta {@code inputs + neurons} rows by {@code neurons} columns
   * @return the number of cells or devices written
   */
  public long update(WeightMatrix delta) {
    NetworkShape s = parameters.shape();
    requireShape("update", delta, s.synapticRows(), s.neurons());
    double[] d = delta.toArray();
    for (int i = 0; i < s.neurons(); i++) {
      d[(s.inputs() + i) * s.neurons() + i] = 0.0;
    }
    return synapses.update(d);
  }

  /** A copy of the readout weights, row-major neurons x readouts. */
  public WeightMatrix readoutWeights() {
    return WeightMatrix.of(shape().neurons(), shape().readouts(), readoutWeights);
  }

  /**
   * Replaces the readout weights (a readout-learning rule writes them); when the readout lives on
   * an array, programs the array.
   *
   * @return the number of cells or devices written
   */
  public long setReadoutWeights(WeightMatrix readout) {
    requireShape("readout", readout, shape().neurons(), shape().readouts());
    readout.copyInto(readoutWeights, 0);
    return readoutArray == null ? readoutWeights.length : readoutArray.program(readoutWeights);
  }

  /**
   * Moves the readout weights onto {@code array} (neurons x readouts), programmed now with the
   * current readout weights: from then on the readouts are computed through it (its device effects
   * included) and {@link #setReadoutWeights} reprograms it.
   */
  public void placeReadoutOn(SynapticMatrix array) {
    if (array.rows() != shape().neurons() || array.columns() != shape().readouts()) {
      throw new IllegalArgumentException(
          "readout array is " + array.rows() + " x " + array.columns() + ", the network needs "
              + shape().neurons() + " x " + shape().readouts());
    }
    readoutArray = array;
    array.program(readoutWeights);
  }

  /** Whether the readout weights live on an array rather than in software. */
  public boolean readoutOnArray() {
    return readoutArray != null;
  }

  /** Lets device time pass on the synaptic matrix and the readout array (see {@link SynapticMatrix#elapse}). */
  public void elapse(double seconds) {
    synapses.elapse(seconds);
    if (readoutArray != null) {
      readoutArray.elapse(seconds);
    }
  }

  /** Restarts the noise streams of the synaptic matrix and the readout array (see {@link SynapticMatrix#reseed}). */
  public void reseed(long stream) {
    synapses.reseed(stream);
    if (readoutArray != null) {
      readoutArray.reseed(stream);
    }
  }

  /**
   * Advances {@code state} by one step with input spikes on channels {@code inputs[0..count)}.
   * Does not allocate.
   */
  public void step(NetworkState state, int[] inputs, int count) {
    NetworkShape shape = parameters.shape();
    NeuronParameters np = parameters.neurons();
    final int n = shape.neurons();
    final int nIn = shape.inputs();
    final int lif = shape.lifNeurons();
    final double thr0 = np.baseThreshold();
    final double inverseVth = 1.0 / np.thresholdScale();
    final double beta = np.adaptationStrength();
    final double psiScale = np.pseudoDerivativeDampening() * inverseVth;
    final int nRef = np.refractorySteps();
    if (state.v.length != n || state.readout.length != shape.readouts()) {
      throw new IllegalArgumentException("state belongs to a network of another shape");
    }

    // Active rows: this step's input spikes, then last step's spikes (offset by the inputs).
    int[] rows = state.activeRows;
    int active = 0;
    for (int k = 0; k < count; k++) {
      rows[active++] = inputs[k];
    }
    int[] spikes = state.spikes;
    int previous = state.spikeCount;
    for (int k = 0; k < previous; k++) {
      rows[active++] = nIn + spikes[k];
    }
    double[] current = state.current;
    Arrays.fill(current, 0.0);
    synapses.accumulateRows(rows, active, current);

    double[] v = state.v;
    double[] b = state.adaptation;
    int[] r = state.refractory;
    double[] psi = state.psi;
    int[] fired = state.spareSpikes;
    int next = 0; // cursor into last step's (sorted) spike list, giving z_{t-1} per neuron
    int spikeCount = 0;
    for (int j = 0; j < n; j++) {
      boolean spiked = next < previous && spikes[next] == j;
      if (spiked) {
        next++;
      }
      double zPrev = spiked ? 1.0 : 0.0;
      double thr = thr0;
      if (j >= lif) {
        double bj = rho * b[j] + zPrev;
        b[j] = bj;
        thr += beta * bj;
      }
      double vj = alpha * v[j] + current[j] - thr * zPrev;
      v[j] = vj;
      // (v - thr) / v_th > 0 exactly when v - thr > 0, as v_th > 0; a product replaces the
      // division in the pseudo-derivative (a rounding difference of one ulp at most).
      double above = vj - thr;
      boolean refractory = r[j] > 0;
      boolean fire = !refractory && above > 0;
      psi[j] = refractory ? 0.0 : psiScale * Math.max(0.0, 1.0 - Math.abs(above) * inverseVth);
      int rj = r[j] + (fire ? nRef : 0) - 1;
      r[j] = rj < 0 ? 0 : Math.min(rj, nRef);
      if (fire) {
        fired[spikeCount++] = j;
      }
    }
    state.spareSpikes = spikes;
    state.spikes = fired;
    spikes = fired;
    state.spikeCount = spikeCount;
    state.totalSpikes += spikeCount;

    // Readouts.
    double[] y = state.readout;
    int m = y.length;
    for (int c = 0; c < m; c++) {
      y[c] *= kappa;
    }
    if (readoutArray != null) {
      double[] drive = state.readoutDrive;
      Arrays.fill(drive, 0.0);
      readoutArray.accumulateRows(spikes, spikeCount, drive);
      for (int c = 0; c < m; c++) {
        y[c] += drive[c];
      }
      state.step++;
      return;
    }
    for (int k = 0; k < spikeCount; k++) {
      int base = spikes[k] * m;
      for (int c = 0; c < m; c++) {
        y[c] += readoutWeights[base + c];
      }
    }
    state.step++;
  }

  private static void requireShape(String name, WeightMatrix w, int rows, int columns) {
    if (w.rows() != rows || w.columns() != columns) {
      throw new IllegalArgumentException(
          name + " weights are " + w.rows() + " x " + w.columns() + ", expected " + rows + " x " + columns);
    }
  }
}
