package io.engram.metatraining;

/**
 * An exponential moving average of the weights over the iterations: after each optimiser step
 * {@code average += (1 - decay) (w - average)}. Adam's iterate jitters from one iteration to the
 * next around the slowly moving optimum; the average follows the optimum over about {@code
 * 1 / (1 - decay)} iterations and smooths the jitter out. A matrix that does not move (frozen)
 * stays bit-identical in the average.
 */
public final class WeightAverage {

  private final double decay;
  private final MetaWeights average;

  /**
   * @param decay the weight of the old average per iteration, in (0, 1)
   * @param start the average's starting point (copied)
   */
  public WeightAverage(double decay, MetaWeights start) {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException("the decay must be in (0, 1), not " + decay);
    }
    this.decay = decay;
    this.average = start.copy();
  }

  /** Moves the average toward {@code w} by one iteration's share. */
  public void update(MetaWeights w) {
    double share = 1 - decay;
    for (int k = 0; k < MetaWeights.NAMES.length; k++) {
      double[] a = average.block(k);
      double[] x = w.block(k);
      for (int i = 0; i < a.length; i++) {
        a[i] += share * (x[i] - a[i]);
      }
    }
  }

  public double decay() {
    return decay;
  }

  /** The average itself (not a copy): valid until the next {@link #update}. */
  public MetaWeights weights() {
    return average;
  }
}
