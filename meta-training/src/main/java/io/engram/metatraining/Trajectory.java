package io.engram.metatraining;

/**
 * One trial of a {@link DifferentiableNetwork}, recorded for the backward pass; arrays are steps x
 * neurons (or readouts), row-major.
 *
 * @param steps trial length
 * @param z outputs (spikes, 0/1 for the real network)
 * @param u {@code v - thr} after the step, before any reset
 * @param thr thresholds in effect at each step (constant for LIF neurons)
 * @param refractory where the neuron was refractory (no spike, psi = 0)
 * @param y readouts
 */
public record Trajectory(int steps, double[] z, double[] u, double[] thr, boolean[] refractory, double[] y) {

  /** Mean output per neuron per step (firing rate in spikes per step), per neuron. */
  public double[] ratesPerStep(int neurons) {
    double[] r = new double[neurons];
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < neurons; j++) {
        r[j] += z[t * neurons + j];
      }
    }
    for (int j = 0; j < neurons; j++) {
      r[j] /= steps;
    }
    return r;
  }
}
