package io.engram.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.engram.evaluation.OutcomeSummary;
import io.engram.evaluation.TaskOutcome;
import java.util.List;

/**
 * What {@code engram reproduce} writes as JSON (snake_case keys): the settings, one entry per
 * task, and summaries over all tasks and over the tasks that did not hit the angle clip.
 */
@JsonPropertyOrder({"meta", "tasks", "rule", "quantum", "threads", "summary", "timing", "per_task"})
record ReproduceReport(
    String meta,
    String tasks,
    String rule,
    double quantum,
    int threads,
    Summaries summary,
    Timing timing,
    List<PerTask> perTask) {

  /** Summaries over all tasks and the non-clipped ones. */
  record Summaries(OutcomeSummary all, OutcomeSummary nonClipped) {}

  /** Wall time of the run. */
  record Timing(double totalSeconds, double meanTaskMillis, double tasksPerSecond) {}

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
      double millis) {

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
          o.nanos() / 1e6);
    }
  }
}
