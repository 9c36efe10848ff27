package io.engram.learning;

import io.engram.snn.NetworkState;
import io.engram.snn.SpikeRaster;
import io.engram.snn.StepObserver;

/**
 * Records what e-prop needs from a trial: per step the pseudo-derivatives psi_j(t), the
 * presynaptic traces ({@code xbar_t = alpha xbar_{t-1} + x_t} for inputs, {@code zbar_t = alpha
 * zbar_{t-1} + z_{t-1}} for neurons, as {@link EligibilityAccumulator} defines them) and the
 * kappa-filtered spikes, and the spike count of every neuron.
 */
final class EpropRecorder implements StepObserver {

  private final SpikeRaster input;
  private final int inputs;
  private final int neurons;
  private final double alpha;
  private final double[] liveTraces;
  private final double[] traces;
  private final double[] psi;
  private final long[] spikeCounts;
  private final int[] active;
  private final int[] lastSpikes;
  private final FilteredSpikes filtered;
  private int lastSpikeCount;

  EpropRecorder(SpikeRaster input, int neurons, double alpha, double kappa) {
    this.input = input;
    this.inputs = input.channels();
    this.neurons = neurons;
    this.alpha = alpha;
    int steps = input.steps();
    this.liveTraces = new double[inputs + neurons];
    this.traces = new double[Math.multiplyExact(steps, inputs + neurons)];
    this.psi = new double[Math.multiplyExact(steps, neurons)];
    this.spikeCounts = new long[neurons];
    this.active = new int[Math.max(1, inputs)];
    this.lastSpikes = new int[neurons];
    this.filtered = new FilteredSpikes(steps, neurons, kappa);
  }

  @Override
  public void afterStep(int t, NetworkState state) {
    for (int i = 0; i < liveTraces.length; i++) {
      liveTraces[i] *= alpha;
    }
    int count = input.copyActive(t, active, 0);
    for (int k = 0; k < count; k++) {
      liveTraces[active[k]] += 1.0;
    }
    for (int k = 0; k < lastSpikeCount; k++) {
      liveTraces[inputs + lastSpikes[k]] += 1.0;
    }
    lastSpikeCount = state.spikeCount();
    System.arraycopy(state.spikes(), 0, lastSpikes, 0, lastSpikeCount);
    for (int k = 0; k < lastSpikeCount; k++) {
      spikeCounts[lastSpikes[k]]++;
    }
    System.arraycopy(liveTraces, 0, traces, t * liveTraces.length, liveTraces.length);
    System.arraycopy(state.pseudoDerivatives(), 0, psi, t * neurons, neurons);
    filtered.afterStep(t, state);
  }

  /** Presynaptic traces, steps x (inputs + neurons), row-major. */
  double[] traces() {
    return traces;
  }

  /** Pseudo-derivatives, steps x neurons, row-major. */
  double[] psi() {
    return psi;
  }

  /** Kappa-filtered spikes, steps x neurons, row-major. */
  double[] filteredSpikes() {
    return filtered.features();
  }

  /** Spikes of neuron j over the trial. */
  long spikes(int j) {
    return spikeCounts[j];
  }
}
