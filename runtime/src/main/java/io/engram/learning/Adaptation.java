package io.engram.learning;

/**
 * What an inner-loop rule did to the trainee.
 *
 * @param rule the rule's name
 * @param cellsWritten crossbar cells or devices (or float cells) whose weight was rewritten
 * @param trainingTrials trainee trials the rule ran to learn
 * @param learningSignalRateHz mean firing rate of the learning-signal generator, or NaN when the
 *     rule has none
 * @param learningSignalRatesHz firing rate of every neuron of the learning-signal generator while
 *     it drove the update (Hz of network time); empty when the rule has none
 */
public record Adaptation(String rule, long cellsWritten, int trainingTrials,
    double learningSignalRateHz, double[] learningSignalRatesHz) {

  public Adaptation {
    learningSignalRatesHz = learningSignalRatesHz == null ? new double[0] : learningSignalRatesHz;
  }

  /** An adaptation without per-neuron rates of a learning-signal generator. */
  public Adaptation(String rule, long cellsWritten, int trainingTrials, double learningSignalRateHz) {
    this(rule, cellsWritten, trainingTrials, learningSignalRateHz, new double[0]);
  }
}
