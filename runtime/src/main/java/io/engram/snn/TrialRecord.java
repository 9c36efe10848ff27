package io.engram.snn;

/**
 * What one trial produced: the readouts at every step (row-major, steps x readouts) and the spike
 * count.
 */
public record TrialRecord(int steps, int readouts, double[] outputs, long spikes, int neurons, double dtMs) {

  /** The readout {@code k} at step {@code t}. */
  public double output(int t, int k) {
    return outputs[t * readouts + k];
  }

  /** Mean firing rate per neuron over the trial, in Hz of network time. */
  public double firingRateHz() {
    return spikes / ((double) steps * neurons) * (1000.0 / dtMs);
  }
}
