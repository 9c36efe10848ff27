package io.engram.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bridge.emulation.EmulatedArm;
import io.engram.bridge.hardware.LifecycleState;
import io.engram.bridge.safety.SimulatedSafetyIo;
import io.engram.config.EngramConfig;
import io.engram.config.LinkConfig;
import io.engram.config.WireProtocol;
import io.engram.control.EmulatedArmOnPty;
import io.engram.control.Stalls;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A whole session across a socat pty pair, for both wire protocols: the emulated arm serves the
 * device end, the session reaches it as a serial port through jSerialComm.
 */
class PtySessionTest {

  @ParameterizedTest
  @EnumSource(WireProtocol.class)
  void learnsAndPerformsOverASerialPort(WireProtocol protocol) throws Exception {
    EngramConfig base = SessionTest.readoutConfig();
    LinkConfig l = base.link();
    EngramConfig config = base.withLink(new LinkConfig(l.transport(), protocol, l.port(), l.baud(),
        l.readTimeout(), l.retries(), l.emulator(), l.dynamixel()));
    MotionTask demo = TaskFamily.of(config).sample(1, 3).get(0);
    try (EmulatedArmOnPty pty = new EmulatedArmOnPty(config)) {
      EngramConfig serial = pty.hostConfig();
      EmulatedArm arm = pty.rig().arm();
      Session s = Stalls.unlessStarved(() -> Session.open(serial, LearningSetup.of(serial)));
      try {
        ((SimulatedSafetyIo) s.safety()).onMotorPower(arm::motorPower);
        assertEquals(null, s.connection().emulator());
        arm.place(0, 0.2);
        TrialReport r = Stalls.unlessStarved(() -> s.learnAndPerform(0, demo));
        Stalls.assumeLoopKeptUp(r.loop());
        assertTrue(r.completed(), r.loop().toString());
        assertEquals(config.control().trialPeriods(), r.periodsPerformed());
        double bound = r.loop().overruns() == 0 ? 1.0 : 2.0; // see ControlLoopTest
        assertTrue(r.trackingErrorCm() < bound, "tracking " + r.trackingErrorCm() + " cm");
        assertTrue(r.measuredErrorCm() < r.commandedErrorCm() + bound, r.toString());
        assertFalse(arm.anyEnabled() && arm.motorPower());
      } finally {
        s.close();
      }
      assertEquals(LifecycleState.FINALIZED, s.hardware().state());
      assertFalse(arm.anyEnabled() && arm.motorPower());
    }
  }
}
