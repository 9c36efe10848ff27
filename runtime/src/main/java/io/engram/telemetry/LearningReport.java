package io.engram.telemetry;

import java.util.Objects;

/**
 * What one adaptation achieved.
 *
 * @param requestId the command that asked for it, or null when the session started it
 * @param rule the learning rule
 * @param bundleSha256 SHA-256 of the bundle whose meta-parameters the adaptation started from,
 *     or null when it is not known (initial weights drawn without a bundle)
 * @param errorBeforeCm mean end-effector error of the motion before adapting (cm)
 * @param errorAfterCm mean end-effector error after adapting (cm)
 * @param omegaRmseAfter omega RMSE per driven joint after adapting (rad/s)
 * @param cellsWritten crossbar cells written by the update
 * @param devicesProgrammed PCM devices programmed by the update
 * @param durationS wall-clock time the adaptation took (s)
 */
public record LearningReport(
    String requestId,
    String rule,
    String bundleSha256,
    double errorBeforeCm,
    double errorAfterCm,
    double[] omegaRmseAfter,
    long cellsWritten,
    long devicesProgrammed,
    double durationS) {

  public LearningReport {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(omegaRmseAfter, "omegaRmseAfter");
  }
}
