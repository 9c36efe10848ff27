package io.engram.learning;

import io.engram.snn.NetworkState;
import io.engram.snn.StepObserver;

/**
 * Records the kappa-filtered spike trains of a trial, {@code zf_t = kappa zf_{t-1} + z_t} per
 * neuron: the features a leaky readout sees, since its output is {@code y_t = W_out^T zf_t}.
 */
final class FilteredSpikes implements StepObserver {

  private final int neurons;
  private final double kappa;
  private final double[] current;
  private final double[] features;

  FilteredSpikes(int steps, int neurons, double kappa) {
    this.neurons = neurons;
    this.kappa = kappa;
    this.current = new double[neurons];
    this.features = new double[Math.multiplyExact(steps, neurons)];
  }

  @Override
  public void afterStep(int t, NetworkState state) {
    for (int j = 0; j < neurons; j++) {
      current[j] *= kappa;
    }
    int[] spikes = state.spikes();
    for (int k = 0, n = state.spikeCount(); k < n; k++) {
      current[spikes[k]] += 1.0;
    }
    System.arraycopy(current, 0, features, t * neurons, neurons);
  }

  /** The filtered spikes, row-major steps x neurons (live; do not modify). */
  double[] features() {
    return features;
  }
}
