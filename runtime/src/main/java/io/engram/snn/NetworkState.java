package io.engram.snn;

import java.util.Arrays;

/**
 * The explicit state of one spiking network between steps: membrane potentials, threshold
 * adaptation, refractory counters, the spikes of the last step, readouts and the last step's
 * pseudo-derivatives. {@link SpikingNetwork#step} advances it in place without allocating.
 *
 * <p>The array accessors return live views for observers that run after each step; callers must
 * not modify them.
 */
public final class NetworkState {

  final double[] v;
  final double[] adaptation;
  final int[] refractory;
  final double[] readout;
  final double[] psi;
  int[] spikes;
  int[] spareSpikes;
  int spikeCount;
  int step;
  long totalSpikes;

  // Scratch for the event-driven product: active rows and the synaptic input.
  final int[] activeRows;
  final double[] current;
  final double[] readoutDrive;

  /** A resting state for a network of the given shape. */
  public NetworkState(NetworkShape shape) {
    int n = shape.neurons();
    v = new double[n];
    adaptation = new double[n];
    refractory = new int[n];
    readout = new double[shape.readouts()];
    psi = new double[n];
    spikes = new int[n];
    spareSpikes = new int[n];
    activeRows = new int[shape.synapticRows()];
    current = new double[n];
    readoutDrive = new double[shape.readouts()];
  }

  /** Returns to rest: zero potentials, traces and readouts, no spikes, step 0. */
  public void reset() {
    Arrays.fill(v, 0);
    Arrays.fill(adaptation, 0);
    Arrays.fill(refractory, 0);
    Arrays.fill(readout, 0);
    Arrays.fill(psi, 0);
    spikeCount = 0;
    step = 0;
    totalSpikes = 0;
  }

  /** Steps taken since the last reset. */
  public int step() {
    return step;
  }

  /** Spikes emitted by all neurons since the last reset. */
  public long totalSpikes() {
    return totalSpikes;
  }

  /** The neurons that spiked in the last step (live view; valid entries: {@link #spikeCount}). */
  public int[] spikes() {
    return spikes;
  }

  /** How many neurons spiked in the last step. */
  public int spikeCount() {
    return spikeCount;
  }

  /** Readout values after the last step (live view). */
  public double[] readout() {
    return readout;
  }

  /** Pseudo-derivatives psi of the last step, zero where refractory (live view). */
  public double[] pseudoDerivatives() {
    return psi;
  }

  /** Membrane potentials after the last step (live view). */
  public double[] membranePotentials() {
    return v;
  }
}
