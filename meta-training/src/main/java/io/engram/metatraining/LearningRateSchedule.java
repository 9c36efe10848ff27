package io.engram.metatraining;

import java.util.Map;

/** Adam's learning rate as a function of the iteration. */
public sealed interface LearningRateSchedule {

  /** The learning rate at iteration {@code iteration} (0-based). */
  double rate(long iteration);

  /** The schedule's name and constants, for a bundle's training metadata. */
  Map<String, Object> describe();

  /**
   * The reference schedule: {@code initial} multiplied by {@code factor} every {@code every}
   * iterations (1.5e-3, x0.99 every 500).
   */
  record StepDecay(double initial, double factor, int every) implements LearningRateSchedule {
    /** The reference's decay (x0.99 every 500 iterations) from {@code initial}. */
    public static StepDecay reference(double initial) {
      return new StepDecay(initial, 0.99, 500);
    }

    public StepDecay {
      if (!(initial > 0) || !(factor > 0 && factor <= 1) || every < 1) {
        throw new IllegalArgumentException("learning rate > 0, decay in (0, 1], decay period >= 1");
      }
    }

    @Override
    public double rate(long iteration) {
      return initial * Math.pow(factor, Math.floorDiv(iteration, every));
    }

    @Override
    public Map<String, Object> describe() {
      return Map.of("schedule", "step", "learning_rate", initial, "decay", factor, "decay_every", every);
    }
  }

  /**
   * Cosine annealing: from {@code initial} at iteration 0 down to {@code initial * floor} at
   * iteration {@code iterations}, flat after. A run of a fixed length ends on small steps, which
   * settles the weights the noise of small batches otherwise keeps moving.
   */
  record Cosine(double initial, int iterations, double floor) implements LearningRateSchedule {
    public Cosine {
      if (!(initial > 0) || iterations < 1 || !(floor >= 0 && floor <= 1)) {
        throw new IllegalArgumentException("learning rate > 0, iterations >= 1, floor in [0, 1]");
      }
    }

    @Override
    public double rate(long iteration) {
      double progress = Math.min(1.0, (double) iteration / iterations);
      return initial * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }

    @Override
    public Map<String, Object> describe() {
      return Map.of("schedule", "cosine", "learning_rate", initial, "anneal_iterations", iterations,
          "floor", floor);
    }
  }
}
