package io.engram.snn;

import java.util.Arrays;

/**
 * Counts every neuron's spikes over a trial, as a {@link StepObserver}; gives per-neuron firing
 * rates. Restarts at step 0, so one counter can watch trial after trial (it holds the last one).
 */
public final class SpikeCounter implements StepObserver {

  private final long[] counts;
  private int steps;

  /** A counter for a network of {@code neurons} neurons. */
  public SpikeCounter(int neurons) {
    counts = new long[neurons];
  }

  @Override
  public void afterStep(int t, NetworkState state) {
    if (t == 0) {
      Arrays.fill(counts, 0);
      steps = 0;
    }
    int[] spiked = state.spikes();
    for (int i = 0, n = state.spikeCount(); i < n; i++) {
      counts[spiked[i]]++;
    }
    steps = t + 1;
  }

  /** Spikes of each neuron in the last trial watched (a copy). */
  public long[] counts() {
    return counts.clone();
  }

  /** Steps of the last trial watched. */
  public int steps() {
    return steps;
  }
}
