package io.engram.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bridge.emulation.FaultPlan;
import io.engram.config.ControlConfig;
import io.engram.config.EngramConfig;
import io.engram.config.OverrunPolicy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults while the arm moves, against the emulated arm in process and across a socat pty pair:
 * whatever happens the loop returns a result (nothing is thrown out of it) and the arm ends
 * disabled.
 */
class LoopFaultTest {

  private static final long PERIOD_NANOS = EngramConfig.defaults().control().ioPeriodNanos();

  /** Runs a trial in which {@code fault} fires at period {@code at}. */
  private static LoopResult runWithFault(LoopRig rig, int at, Runnable fault) throws Exception {
    return runWithFault(rig, at, false, fault);
  }

  /** As above; with {@code repeat} the fault fires again in every period from {@code at} on. */
  private static LoopResult runWithFault(LoopRig rig, int at, boolean repeat, Runnable fault) {
    LoopController faulty = hooked(rig.config, p -> {
      if (p == at || (repeat && p > at)) {
        fault.run();
      }
    });
    try {
      rig.hardware.activate();
    } catch (io.engram.bridge.hardware.HardwareException e) {
      throw new AssertionError(e);
    }
    return rig.loop().run(faulty, true);
  }

  /** A trial whose every period first calls {@code hook} with the period's number. */
  private static LoopController hooked(EngramConfig config, IntConsumer hook) {
    TraineeController trial =
        new TraineeController(LoopRig.trainee(config), config.robot(), config.control());
    return new LoopController() {
      int p;

      @Override
      public void start() {
        trial.start();
        p = 0;
      }

      @Override
      public boolean update(double[] measured, double[] setPoints) {
        hook.accept(p++);
        return trial.update(measured, setPoints);
      }
    };
  }

  @ParameterizedTest
  @EnumSource(LoopRig.Wiring.class)
  void estopStopsTheArmWithinOnePeriodAfterItLatchesAndStaysLatched(LoopRig.Wiring wiring) throws Exception {
    EngramConfig config = LoopRig.tolerant(EngramConfig.defaults());
    try (LoopRig rig = new LoopRig(config, wiring)) {
      AtomicLong pressedAt = new AtomicLong();
      AtomicInteger periodsAfterPress = new AtomicInteger();
      LoopController pressMidMotion = hooked(config, p -> {
        if (p == 60) {
          long now = System.nanoTime();
          pressedAt.set(now);
          rig.safety.estopButton(true, now);
        } else if (pressedAt.get() != 0) {
          periodsAfterPress.incrementAndGet();
        }
      });
      rig.hardware.activate();
      LoopResult r = rig.loop().run(pressMidMotion, true);
      Stalls.assumeLoopKeptUp(r);
      assertEquals(LoopOutcome.ESTOP, r.outcome(), r.reason());
      assertTrue(rig.armDisabled());
      assertTrue(r.motorsDisabledAtEnd());
      // The press latches after the debounce time; the first read after that stops the arm. Counted
      // in periods the loop ran, not in wall-clock time, so a loaded machine cannot fail it.
      long debounce = config.gpio().estop().debounce().toNanos();
      long periodsToLatch = (debounce + PERIOD_NANOS - 1) / PERIOD_NANOS;
      assertTrue(periodsAfterPress.get() <= periodsToLatch,
          periodsAfterPress.get() + " periods ran after the press");
      // Latched: the arm refuses to start again until the e-stop is released and reset.
      assertTrue(rig.safety.estopLatched(System.nanoTime()));
      assertThrowsHardware(() -> rig.hardware.activate());
      rig.safety.estopButton(false, System.nanoTime());
      rig.hardware.recover();
      rig.hardware.activate();
      rig.hardware.deactivate();
    }
  }

  private static void assertThrowsHardware(org.junit.jupiter.api.function.Executable e) {
    org.junit.jupiter.api.Assertions.assertThrows(
        io.engram.bridge.hardware.HardwareException.class, e);
  }

  @ParameterizedTest
  @EnumSource(LoopRig.Wiring.class)
  void silentSensorStopsTheArm(LoopRig.Wiring wiring) throws Exception {
    EngramConfig config = EngramConfig.defaults();
    try (LoopRig rig = new LoopRig(config, wiring)) {
      LoopResult r = runWithFault(rig, 60, () -> rig.connection.emulator().faults().silence(true));
      Stalls.assumeReached(r, 60);
      assertEquals(LoopOutcome.SENSOR_STALE, r.outcome(), r.reason());
      assertTrue(r.iterations() < 60 + 10, "stopped after " + r.iterations() + " periods");
      rig.connection.emulator().faults().silence(false);
      // The emulated firmware's watchdog disables the motors too, even if the host's stop was lost.
      Thread.sleep(EmulatedWatchdog.MILLIS + 50);
      assertTrue(rig.armDisabled());
    }
  }

  @ParameterizedTest
  @EnumSource(LoopRig.Wiring.class)
  void corruptedLinkStopsTheArm(LoopRig.Wiring wiring) throws Exception {
    EngramConfig config = EngramConfig.defaults();
    try (LoopRig rig = new LoopRig(config, wiring)) {
      LoopResult r = runWithFault(rig, 40,
          () -> rig.connection.emulator().faults().plan(new FaultPlan(0, 1.0, 0, 0, 7)));
      Stalls.assumeReached(r, 40);
      assertTrue(r.outcome() == LoopOutcome.SENSOR_STALE || r.outcome() == LoopOutcome.LINK_DOWN,
          r.outcome() + " " + r.reason());
      assertTrue(rig.connection.emulator().faults().corrupted() > 0);
      rig.connection.emulator().faults().plan(FaultPlan.none());
      Thread.sleep(EmulatedWatchdog.MILLIS + 50);
      assertTrue(rig.armDisabled());
    }
  }

  @ParameterizedTest
  @EnumSource(LoopRig.Wiring.class)
  void occasionalCorruptFramesAreRiddenThrough(LoopRig.Wiring wiring) throws Exception {
    EngramConfig config = LoopRig.tolerant(EngramConfig.defaults());
    try (LoopRig rig = new LoopRig(config, wiring)) {
      LoopResult r = runWithFault(rig, 10,
          () -> rig.connection.emulator().faults().plan(new FaultPlan(0.05, 0.05, 0, 0, 11)));
      Stalls.assumeLoopKeptUp(r);
      assertEquals(LoopOutcome.COMPLETED, r.outcome(), r.reason() + " " + rig.hardware.stats()
          + " dropped " + rig.connection.emulator().faults().dropped() + " corrupted "
          + rig.connection.emulator().faults().corrupted() + " " + r);
      assertTrue(rig.hardware.stats().lateReads() > 0, rig.hardware.stats().toString());
      assertTrue(rig.armDisabled());
    }
  }

  @ParameterizedTest
  @EnumSource(LoopRig.Wiring.class)
  void overrunStormStopsTheArmUnderPolicyStop(LoopRig.Wiring wiring) throws Exception {
    EngramConfig config = LoopRig.tolerant(EngramConfig.defaults());
    config = config.withControl(config.control().withOverrun(OverrunPolicy.STOP, 5));
    try (LoopRig rig = new LoopRig(config, wiring)) {
      LoopResult r = runWithFault(rig, 30, true, LoopFaultTest::overrunEachTime);
      Stalls.assumeLoopKeptUp(r);
      assertEquals(LoopOutcome.OVERRUN, r.outcome(), r.reason());
      assertTrue(r.overruns() >= 5 && r.longestOverrunStreak() >= 5, r.toString());
      assertTrue(rig.armDisabled());
    }
  }

  @ParameterizedTest
  @EnumSource(LoopRig.Wiring.class)
  void overrunStormIsSkippedUnderPolicySkip(LoopRig.Wiring wiring) throws Exception {
    EngramConfig config = LoopRig.tolerant(EngramConfig.defaults());
    ControlConfig control = config.control().withOverrun(OverrunPolicy.SKIP, 1);
    config = config.withControl(control);
    try (LoopRig rig = new LoopRig(config, wiring)) {
      LoopController storm = hooked(config, p -> {
        if (p >= 20 && p < 40) {
          overrunEachTime();
        }
      });
      rig.hardware.activate();
      LoopResult r = rig.loop().run(storm, true);
      Stalls.assumeLoopKeptUp(r);
      assertEquals(LoopOutcome.COMPLETED, r.outcome(), r.reason());
      assertTrue(r.overruns() >= 15, r.toString());
      assertTrue(r.skippedPeriods() >= 15, r.toString());
      assertTrue(rig.armDisabled());
    }
  }

  @ParameterizedTest
  @EnumSource(LoopRig.Wiring.class)
  void aFailingControllerStopsTheArmAndNothingEscapes(LoopRig.Wiring wiring) throws Exception {
    EngramConfig config = EngramConfig.defaults();
    try (LoopRig rig = new LoopRig(config, wiring)) {
      LoopResult r = runWithFault(rig, 25, () -> {
        throw new IllegalStateException("controller bug");
      });
      assertEquals(LoopOutcome.ERROR, r.outcome());
      assertTrue(r.reason().contains("controller bug"), r.reason());
      assertTrue(rig.armDisabled());
    }
  }

  /**
   * Keeps the loop busy for one and a half periods: every such iteration overruns, while the arm
   * still gets a command far more often than its watchdog requires.
   */
  private static void overrunEachTime() {
    long until = System.nanoTime() + PERIOD_NANOS + PERIOD_NANOS / 2;
    while (System.nanoTime() < until) {
      java.util.concurrent.locks.LockSupport.parkNanos(until - System.nanoTime());
    }
  }

  /** The in-process emulated firmware's command watchdog. */
  private static final class EmulatedWatchdog {
    static final long MILLIS = io.engram.bridge.emulation.EmulatedArmRig.DEFAULT_WATCHDOG_MILLIS;
  }
}
