package io.engram.control;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.engram.bridge.emulation.EmulatedArmRig;
import io.engram.bridge.hardware.HardwareException;

/**
 * Tells a loaded test machine from a failure: when the machine did not run the loop (or the
 * emulated arm, which runs on a thread of the test JVM) for longer than the arm's command watchdog
 * or the link's timeouts, the arm rightly stopped itself, and a test that expected the motion to
 * go on is skipped with that reason instead of failing.
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

  /**
   * Runs {@code setup} (connecting to an emulated arm, homing it), skipping the calling test when
   * it fails only because a loaded machine starved the emulated arm: its handshake went
   * unanswered, or its command watchdog tripped. The handshake itself is tested in
   * firmware-bridge.
   */
  public static <T> T unlessStarved(Setup<T> setup) throws Exception {
    try {
      return setup.run();
    } catch (HardwareException e) {
      String m = String.valueOf(e.getMessage());
      assumeFalse(m.contains("no answer") || m.contains("no reply") || m.contains("watchdog"),
          "the emulated arm was starved by a loaded machine: " + m);
      throw e;
    }
  }

  /** A setup step that may fail with a {@link HardwareException}. */
  @FunctionalInterface
  public interface Setup<T> {
    T run() throws Exception;
  }

  /** Skips the calling test if the loop was stalled beyond the arm's watchdog and it faulted. */
  public static void assumeLoopKeptUp(LoopResult r) {
    double watchdogUs = EmulatedArmRig.DEFAULT_WATCHDOG_MILLIS * 1e3;
    assumeFalse(r.outcome() == LoopOutcome.ARM_FAULT && r.timing().periodMaxUs() > watchdogUs,
        String.format("the machine stalled the loop for %.0f ms, beyond the arm's %d ms watchdog",
            r.timing().periodMaxUs() / 1e3, EmulatedArmRig.DEFAULT_WATCHDOG_MILLIS));
  }
}
