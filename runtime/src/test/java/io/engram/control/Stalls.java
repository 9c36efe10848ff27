package io.engram.control;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.engram.bridge.emulation.EmulatedArmRig;

/**
 * Tells a loaded test machine from a failure: when the machine did not run the loop for longer
 * than the emulated arm's command watchdog, the arm rightly stopped itself, and a test that
 * expected the motion to go on is skipped with that reason instead of failing.
 */
public final class Stalls {

  private Stalls() {}

  /**
   * Skips the calling test if the run ended before period {@code at}, where a fault was to be
   * injected: a loaded machine starved the emulated arm's thread and the sensor went stale first.
   */
  public static void assumeReached(LoopResult r, int at) {
    assumeFalse(r.iterations() <= at && r.outcome() == LoopOutcome.SENSOR_STALE,
        "the sensor went stale before the fault was injected (a loaded machine): " + r.timing());
  }

  /** Skips the calling test if the loop was stalled beyond the arm's watchdog and it faulted. */
  public static void assumeLoopKeptUp(LoopResult r) {
    double watchdogUs = EmulatedArmRig.DEFAULT_WATCHDOG_MILLIS * 1e3;
    assumeFalse(r.outcome() == LoopOutcome.ARM_FAULT && r.timing().periodMaxUs() > watchdogUs,
        String.format("the machine stalled the loop for %.0f ms, beyond the arm's %d ms watchdog",
            r.timing().periodMaxUs() / 1e3, EmulatedArmRig.DEFAULT_WATCHDOG_MILLIS));
  }
}
