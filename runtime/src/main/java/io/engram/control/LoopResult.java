package io.engram.control;

import io.engram.bridge.hardware.HardwareStats;

/**
 * The end of one run of the control loop.
 *
 * @param outcome how it ended
 * @param reason a readable reason for anything but {@link LoopOutcome#COMPLETED}, else empty
 * @param iterations periods run
 * @param overruns periods whose iteration ran past the next period boundary
 * @param skippedPeriods period boundaries dropped after overruns
 * @param longestOverrunStreak most overruns in a row
 * @param timing period and latency percentiles of this run
 * @param hardware the hardware's counters at the end (cumulative over the hardware's life)
 * @param motorsDisabledAtEnd whether the hardware ended with its motors disabled
 */
public record LoopResult(
    LoopOutcome outcome,
    String reason,
    long iterations,
    long overruns,
    long skippedPeriods,
    long longestOverrunStreak,
    LoopTimingSummary timing,
    String hardware,
    boolean motorsDisabledAtEnd) {

  /** Whether the controller ran to its end. */
  public boolean completed() {
    return outcome == LoopOutcome.COMPLETED;
  }

  static LoopResult of(LoopOutcome outcome, String reason, LoopStatistics s, HardwareStats hw,
      boolean disabled) {
    return new LoopResult(outcome, reason, s.iterations(), s.overruns(), s.skippedPeriods(),
        s.longestOverrunStreak(), s.summary(), hw.toString(), disabled);
  }
}
