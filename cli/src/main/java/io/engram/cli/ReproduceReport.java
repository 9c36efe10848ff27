package io.engram.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.engram.config.ConfigNames;
import io.engram.config.CrossbarConfig;
import io.engram.evaluation.OutcomeSummary;
import io.engram.evaluation.TaskOutcome;
import java.util.List;

/**
 * What {@code engram reproduce} writes as JSON (snake_case keys): the settings, one entry per
 * task, and summaries over all tasks and over the tasks that did not hit the angle clip.
 */
@JsonPropertyOrder({"meta", "tasks", "rule", "quantum", "threads", "device", "summary", "timing", "per_task"})
record ReproduceReport(
    String meta,
    String tasks,
    String rule,
    double quantum,
    int threads,
    Device device,
    Summaries summary,
    Timing timing,
    List<PerTask> perTask) {

  /**
   * The emulated crossbar the trainee's plastic weights lived on (null for the float model), as
   * the configuration spells its settings, and the devices an update wrote on average.
   */
  record Device(
      String preset,
      boolean programmingNoise,
      boolean readNoise,
      String readNoiseMode,
      boolean drift,
      double tInferenceS,
      String driftCompensation,
      double stuckSetRate,
      double stuckResetRate,
      boolean faultScan,
      int verifyPulses,
      double verifyToleranceUs,
      String weightScale,
      List<Double> pairFactors,
      int dacBits,
      int adcBits,
      double adcOutBound,
      long seed,
      double meanDevicesWritten) {

    static Device of(CrossbarConfig c, double meanDevicesWritten) {
      return new Device(
          ConfigNames.of(c.preset()),
          c.programmingNoise(),
          c.readNoise(),
          ConfigNames.of(c.readNoiseMode()),
          c.drift(),
          c.tInferenceS(),
          ConfigNames.of(c.driftCompensation()),
          c.stuckSetRate(),
          c.stuckResetRate(),
          c.faultScan(),
          c.verifyPulses(),
          c.verifyToleranceUs(),
          ConfigNames.of(c.weightScale()),
          c.pairFactors(),
          c.dacBits(),
          c.adcBits(),
          c.adcOutBound(),
          c.seed(),
          meanDevicesWritten);
    }

    /** One line for the console. */
    String describe() {
      return String.format(
          "crossbar: %s (read noise %s), t-inference %.0f s, compensation %s, stuck %.3g%% SET"
              + " + %.3g%% RESET%s, %s, seed %d; %.0f devices written per update",
          preset,
          readNoise ? readNoiseMode : "off",
          tInferenceS,
          driftCompensation,
          100 * stuckSetRate,
          100 * stuckResetRate,
          faultScan ? " (scanned, mapped around)" : "",
          verifyPulses == 1
              ? "single-shot programming"
              : String.format("program-and-verify %d pulses to %.2f uS", verifyPulses, verifyToleranceUs),
          seed,
          meanDevicesWritten);
    }
  }

  /** Summaries over all tasks and the non-clipped ones. */
  record Summaries(OutcomeSummary all, OutcomeSummary nonClipped) {}

  /** Wall time of the run. */
  record Timing(
      double totalSeconds, double meanTaskMillis, double meanAdaptationMillis, double tasksPerSecond) {}

  /** One task's figures. */
  @JsonPropertyOrder({"index", "clipped", "ee_before_cm", "ee_after_cm", "rmse_before", "rmse_after"})
  record PerTask(
      int index,
      boolean clipped,
      double eeBeforeCm,
      double eeAfterCm,
      double[] rmseBefore,
      double[] rmseAfter,
      double lossBefore,
      double lossAfter,
      double rateBeforeHz,
      double rateAfterHz,
      double rateLsgHz,
      long cellsWritten,
      double millis,
      double adaptationMillis) {

    static PerTask of(TaskOutcome o) {
      return new PerTask(
          o.index(),
          o.task().clipped(),
          o.before().endEffectorErrorCm(),
          o.after().endEffectorErrorCm(),
          o.before().omegaRmse(),
          o.after().omegaRmse(),
          o.before().loss(),
          o.after().loss(),
          o.rateBeforeHz(),
          o.rateAfterHz(),
          o.adaptation().learningSignalRateHz(),
          o.adaptation().cellsWritten(),
          o.nanos() / 1e6,
          o.adaptationNanos() / 1e6);
    }
  }
}
