package io.engram.bridge.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bridge.safety.SimulatedSafetyIo;
import java.util.ArrayList;
import java.util.List;

/**
 * Control periods run until the arm stops, with when each read started and returned, what it
 * found, and when the motor power went off. Its assertions are about periods, not wall-clock
 * bounds, so they hold on a loaded machine too.
 */
final class StopTrace {

  /** One read: start and end ({@link System#nanoTime()}) and its result. */
  record Read(long start, long end, Health health) {}

  final List<Read> reads = new ArrayList<>();
  volatile long powerOffAt;

  /** Runs periods of read, command, write until a read says the arm cannot move. */
  static StopTrace run(ArmHardware hw, SimulatedSafetyIo safety, double baseVelocity,
      int maxPeriods) throws InterruptedException {
    StopTrace t = new StopTrace();
    safety.onMotorPower(on -> {
      if (!on && t.powerOffAt == 0) {
        t.powerOffAt = System.nanoTime();
      }
    });
    for (int k = 0; k < maxPeriods; k++) {
      long start = System.nanoTime();
      Health h = hw.read(start);
      t.reads.add(new Read(start, System.nanoTime(), h));
      if (!h.canMove()) {
        break;
      }
      hw.commandHandle("base").velocity(baseVelocity);
      hw.write(System.nanoTime());
      long left = InProcessArmTest.PERIOD - (System.nanoTime() - start);
      if (left > 0) {
        Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
      }
    }
    return t;
  }

  Read last() {
    return reads.get(reads.size() - 1);
  }

  Read previous() {
    return reads.get(reads.size() - 2);
  }

  /**
   * Asserts that the arm stopped with {@code expected}, that the motor power went off during the
   * read that found it, and that the read before (one period earlier) had not found the condition
   * yet although it started before {@code conditionAt}: so the arm stopped within one period.
   */
  void assertStoppedWithinOnePeriodOf(long conditionAt, Health expected) {
    assertEquals(expected, last().health(), "the arm stopped for " + expected);
    assertTrue(powerOffAt >= last().start() && powerOffAt <= last().end(),
        "the motor power went off during the read that found the condition");
    assertTrue(conditionAt <= last().end());
    if (reads.size() >= 2) {
      assertTrue(previous().health().canMove());
      assertTrue(conditionAt >= previous().start(),
          "the read one period earlier started before the condition arose");
    }
  }
}
