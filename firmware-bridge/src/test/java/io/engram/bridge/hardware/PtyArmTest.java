package io.engram.bridge.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bridge.emulation.EmulatedArm;
import io.engram.bridge.emulation.EmulatedArmRig;
import io.engram.bridge.link.SerialPortLink;
import io.engram.bridge.link.SocatPty;
import io.engram.bridge.safety.SimulatedSafetyIo;
import io.engram.config.EngramConfig;
import io.engram.config.WireProtocol;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The runtime side over jSerialComm on one end of a socat pty pair, the emulated arm's firmware on
 * the other end (also through jSerialComm), for both protocols: motion, a stale sensor and the
 * e-stop.
 */
class PtyArmTest {

  @ParameterizedTest
  @EnumSource(WireProtocol.class)
  void drivesTheEmulatedArmAcrossAPtyAndStopsItSafely(WireProtocol protocol, @TempDir Path dir)
      throws Exception {
    EngramConfig cfg = InProcessArmTest.config(protocol);
    try (SocatPty pty = SocatPty.start(dir);
        EmulatedArmRig rig = EmulatedArmRig.serve(cfg.robot(), cfg.link(),
            new SerialPortLink(pty.devicePath(), cfg.link().baud()), null,
            EmulatedArmRig.watchdogFor(cfg.control().sensorTimeout()))) {
      SimulatedSafetyIo safety = new SimulatedSafetyIo(cfg.gpio());
      EmulatedArm arm = rig.arm();
      safety.onMotorPower(arm::motorPower);
      ArmHardware hw = new ArmHardware(cfg.robot(), cfg.link(), cfg.control(),
          () -> new SerialPortLink(pty.hostPath(), cfg.link().baud()), safety);
      try {
        hw.configure();
        hw.activate();
        long t0 = System.nanoTime();
        InProcessArmTest.assertMoving(hw, 0.4, 50);
        double truth = arm.angle(0);
        InProcessArmTest.assertMovedFor(truth, 0.4, t0);
        InProcessArmTest.assertReadsBack(truth, hw.stateHandle("base"), 0.4);
        assertTrue(hw.stats().freshReads() >= 25, hw.stats().toString());

        // A stale sensor: the firmware falls silent.
        rig.faults().silence(true);
        StopTrace t = StopTrace.run(hw, safety, 0.4, 200);
        t.assertStoppedWithinOnePeriodOf(hw.stateHandle("base").stampNanos()
            + cfg.control().sensorTimeout().toNanos(), Health.STALE);
        assertFalse(arm.motorPower());
        rig.faults().silence(false);
        hw.recover();
        hw.activate();
        InProcessArmTest.assertMoving(hw, 0.1, 5);

        // The e-stop.
        long pressedAt = System.nanoTime();
        safety.estopButton(true, pressedAt);
        t = StopTrace.run(hw, safety, 0.1, 20);
        t.assertStoppedWithinOnePeriodOf(pressedAt + cfg.gpio().estop().debounce().toNanos(),
            Health.ESTOP);
        assertEquals(LifecycleState.ERROR, hw.state());
        InProcessArmTest.awaitDisabled(arm);
      } finally {
        hw.shutdown();
      }
    }
  }
}
