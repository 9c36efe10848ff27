package io.engram.learning;

/**
 * What an inner-loop rule did to the trainee.
 *
 * @param rule the rule's name
 * @param cellsWritten crossbar cells or devices (or float cells) whose weight was rewritten
 * @param trainingTrials trainee trials the rule ran to learn
 * @param learningSignalRateHz mean firing rate of the learning-signal generator, or NaN when the
 *     rule has none
 */
public record Adaptation(String rule, long cellsWritten, int trainingTrials, double learningSignalRateHz) {}
