package io.engram.metatraining;

/**
 * How a meta-training run proceeds.
 *
 * @param iterations total iterations (a resumed run continues up to this number)
 * @param batch tasks per iteration
 * @param seed seeds the initial weights, the tasks of every iteration and the device noise
 * @param threads worker threads for the tasks of a batch
 * @param validateEvery iterations between validations (and checkpoints)
 * @param validationTasks tasks of the fixed validation set
 * @param validationSeed seed of the validation set
 * @param schedule Adam's learning rate over the iterations
 * @param relativeSteps Adam's step of each matrix scaled by its RMS weight (see {@link
 *     Adam#step(MetaWeights, MetaWeights, boolean)}); false is the reference's plain Adam
 * @param timeLimitSeconds if positive, the run stops (validated and checkpointed) at the first
 *     iteration that ends after this much training time; a resumed run counts the time before
 * @param frozen indices ({@link MetaWeights#IN} ...) of matrices that keep their initial values
 * @param averageDecay if positive, the run keeps an exponential moving average of the weights
 *     with this decay per iteration ({@link WeightAverage}) and validates and ships the average
 *     instead of the last iterate; 0 for none
 * @param nonClippedOnly train on non-clipped tasks only (each clipped draw is replaced by the
 *     next draw of the same task seed); the validation keeps every task and judges the non-clipped
 * @param lsgTrainedFrom if positive, the LSG's input and recurrent weights train only into its
 *     neurons from this one up (a tail that feeds the readout only, see {@link
 *     InnerLoopModel#withLsgTrainedFrom}) and keep their initial values elsewhere; 0 for none
 */
public record MetaTrainingOptions(
    int iterations,
    int batch,
    long seed,
    int threads,
    int validateEvery,
    int validationTasks,
    long validationSeed,
    LearningRateSchedule schedule,
    boolean relativeSteps,
    double timeLimitSeconds,
    java.util.Set<Integer> frozen,
    double averageDecay,
    boolean nonClippedOnly,
    int lsgTrainedFrom) {

  /** Options without a weight average. */
  public MetaTrainingOptions(int iterations, int batch, long seed, int threads, int validateEvery,
      int validationTasks, long validationSeed, LearningRateSchedule schedule, boolean relativeSteps,
      double timeLimitSeconds, java.util.Set<Integer> frozen) {
    this(iterations, batch, seed, threads, validateEvery, validationTasks, validationSeed, schedule,
        relativeSteps, timeLimitSeconds, frozen, 0, false, 0);
  }

  /** Options with the reference's step-decay schedule and without a time limit. */
  public MetaTrainingOptions(int iterations, int batch, long seed, int threads, int validateEvery,
      int validationTasks, long validationSeed, double learningRate, double decay, int decayEvery,
      boolean relativeSteps) {
    this(iterations, batch, seed, threads, validateEvery, validationTasks, validationSeed,
        new LearningRateSchedule.StepDecay(learningRate, decay, decayEvery), relativeSteps, 0, java.util.Set.of());
  }

  public MetaTrainingOptions {
    frozen = java.util.Set.copyOf(frozen);
    java.util.Objects.requireNonNull(schedule, "schedule");
    if (iterations < 0 || batch < 1 || threads < 1 || validateEvery < 1 || validationTasks < 1
        || !(timeLimitSeconds >= 0)) {
      throw new IllegalArgumentException(
          "iterations >= 0; batch, threads, validation period and validation tasks >= 1; time limit >= 0");
    }
    if (lsgTrainedFrom < 0) {
      throw new IllegalArgumentException("the LSG's first trained neuron must be >= 0, not " + lsgTrainedFrom);
    }
    if (lsgTrainedFrom > 0 && frozen.contains(MetaWeights.LSG_IN) && frozen.contains(MetaWeights.LSG_REC)) {
      throw new IllegalArgumentException("the LSG's tail from neuron " + lsgTrainedFrom
          + " cannot train with both its input and recurrent matrices frozen");
    }
    if (!(averageDecay >= 0 && averageDecay < 1)) {
      throw new IllegalArgumentException("the weight average's decay must be in [0, 1), not " + averageDecay);
    }
  }

  /** The reference schedule (Adam 1.5e-3, x0.99 every 500 iterations) for a run of this size. */
  public static MetaTrainingOptions of(int iterations, int batch, long seed, int threads) {
    return new MetaTrainingOptions(
        iterations, batch, seed, threads, Math.max(1, Math.min(100, iterations / 20 + 1)), 50, 1_000_003L,
        LearningRateSchedule.StepDecay.reference(1.5e-3), false, 0, java.util.Set.of());
  }

  /** These options with a time limit (seconds, 0 for none). */
  public MetaTrainingOptions withTimeLimit(double seconds) {
    return new MetaTrainingOptions(iterations, batch, seed, threads, validateEvery, validationTasks,
        validationSeed, schedule, relativeSteps, seconds, frozen, averageDecay, nonClippedOnly, lsgTrainedFrom);
  }

  /** These options with the given matrices frozen. */
  public MetaTrainingOptions withFrozen(java.util.Set<Integer> blocks) {
    return new MetaTrainingOptions(iterations, batch, seed, threads, validateEvery, validationTasks,
        validationSeed, schedule, relativeSteps, timeLimitSeconds, blocks, averageDecay, nonClippedOnly, lsgTrainedFrom);
  }

  /** These options with an exponential moving average of the weights (decay per iteration, 0 for none). */
  public MetaTrainingOptions withAverageDecay(double decay) {
    return new MetaTrainingOptions(iterations, batch, seed, threads, validateEvery, validationTasks,
        validationSeed, schedule, relativeSteps, timeLimitSeconds, frozen, decay, nonClippedOnly, lsgTrainedFrom);
  }

  /** These options training on non-clipped tasks only, or on every task. */
  public MetaTrainingOptions withNonClippedOnly(boolean only) {
    return new MetaTrainingOptions(iterations, batch, seed, threads, validateEvery, validationTasks,
        validationSeed, schedule, relativeSteps, timeLimitSeconds, frozen, averageDecay, only, lsgTrainedFrom);
  }

  /**
   * These options training the LSG's input and recurrent weights into its neurons from {@code
   * neuron} up only (0: as {@link #frozen} says).
   */
  public MetaTrainingOptions withLsgTrainedFrom(int neuron) {
    return new MetaTrainingOptions(iterations, batch, seed, threads, validateEvery, validationTasks,
        validationSeed, schedule, relativeSteps, timeLimitSeconds, frozen, averageDecay, nonClippedOnly, neuron);
  }
}
