package io.engram.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bridge.emulation.EmulatedArm;
import io.engram.bridge.hardware.HardwareException;
import io.engram.bridge.hardware.LifecycleState;
import io.engram.bridge.safety.SimulatedSafetyIo;
import io.engram.config.CalibrationConfig;
import io.engram.config.ConfigException;
import io.engram.config.EngramConfig;
import io.engram.config.JointConfig;
import io.engram.config.LearningConfig;
import io.engram.config.LearningRule;
import io.engram.control.LoopOutcome;
import io.engram.control.Stalls;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import io.engram.config.calibration.Calibration;
import io.engram.config.calibration.HomingMethod;
import io.engram.config.calibration.JointCalibration;
import io.engram.config.calibration.JointCorrection;
import io.engram.config.yaml.CalibrationWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole sessions against the emulated arm in process, with the readout rule on random weights. */
class SessionTest {

  /**
   * The main job's settings. The sensor timeout is longer than the default: the emulated firmware
   * runs on a thread of the test JVM, and a loaded test machine must not look like a dead sensor.
   */
  static EngramConfig readoutConfig() {
    EngramConfig d = EngramConfig.defaults();
    LearningConfig l = d.learning();
    return d.withLearning(
        new LearningConfig(LearningRule.READOUT, l.eta(), l.updateQuantum(), l.readout(), l.eprop()))
        .withControl(d.control().withSensorTimeout(Duration.ofMillis(250)));
  }

  private static boolean disabled(Session s) {
    EmulatedArm arm = s.connection().emulator().arm();
    return !arm.anyEnabled() || !arm.motorPower();
  }

  @Test
  void learnsADemonstrationAndPerformsItOnTheArm() throws Exception {
    EngramConfig config = readoutConfig();
    MotionTask demo = TaskFamily.of(config).sample(3, 5).stream()
        .filter(t -> !t.clipped()).findFirst().orElseThrow();
    Session s = Session.open(config, LearningSetup.of(config));
    try {
      TrialReport r = Stalls.unlessStarved(() -> s.learnAndPerform(0, demo));
      Stalls.assumeLoopKeptUp(r.loop());
      assertTrue(r.completed(), r.loop().toString());
      assertEquals(config.control().trialPeriods(), r.periodsPerformed());
      assertTrue(r.learning().after().endEffectorErrorCm()
          < 0.2 * r.learning().before().endEffectorErrorCm(), "learning did not help: " + r);
      // Without clipping the commanded path is the network's output integrated.
      assertEquals(r.learning().after().endEffectorErrorCm(), r.commandedErrorCm(), 0.05);
      double bound = r.loop().overruns() == 0 ? 1.0 : 2.0; // see ControlLoopTest
      assertTrue(r.trackingErrorCm() < bound, "tracking " + r.trackingErrorCm() + " cm, " + r.loop());
      assertTrue(r.measuredErrorCm() < r.commandedErrorCm() + 1.0, r.toString());
      assertTrue(r.loop().motorsDisabledAtEnd());
      assertTrue(disabled(s));
      assertEquals(LifecycleState.INACTIVE, s.hardware().state());
    } finally {
      s.close();
    }
    assertEquals(LifecycleState.FINALIZED, s.hardware().state());
    assertFalse(s.safety().motorEnabled());
  }

  @Test
  void homesAnArmThatStartsAwayFromHome() throws Exception {
    EngramConfig config = readoutConfig();
    try (Session s = Session.open(config, LearningSetup.of(config))) {
      s.connection().emulator().arm().place(0, 0.3);
      s.connection().emulator().arm().place(1, -0.2);
      assertNotNull(Stalls.unlessStarved(s::home), "the arm was away from home");
      EmulatedArm arm = s.connection().emulator().arm();
      assertEquals(0, arm.angle(0), 2 * config.control().homeTolerance());
      assertEquals(0, arm.angle(1), 2 * config.control().homeTolerance());
      assertEquals(null, s.home(), "homed twice");
      assertTrue(disabled(s));
    }
  }

  @Test
  void recordsADemonstrationGuidedByHandWithTheMotorsDisabled() throws Exception {
    EngramConfig config = readoutConfig();
    MotionTask guided = TaskFamily.of(config).sample(1, 9).get(0);
    try (Session s = Session.open(config, LearningSetup.of(config))) {
      MotionTask recorded = s.recordDemonstration(guided.angles());
      assertTrue(disabled(s));
      double sum = 0;
      for (int i = 0; i < recorded.angles().length; i++) {
        sum += Math.abs(recorded.angles()[i] - guided.angles()[i]);
      }
      double mean = sum / recorded.angles().length;
      // The recording starts when the replay does, give or take a period, and smooths the encoder.
      assertTrue(mean < 0.02, "recorded angles are " + mean + " rad off on average");
      TrialReport r = Stalls.unlessStarved(() -> s.learnAndPerform(0, recorded));
      Stalls.assumeLoopKeptUp(r.loop());
      assertTrue(r.completed(), r.loop().toString());
      assertTrue(r.measuredErrorCm() < 3.0, r.toString());
    }
  }

  @Test
  void anEstopDuringTheMotionStopsTheArmAndKeepsItStopped() throws Exception {
    EngramConfig config = readoutConfig();
    MotionTask demo = TaskFamily.of(config).sample(1, 2).get(0);
    try (Session s = Session.open(config, LearningSetup.of(config))) {
      SimulatedSafetyIo safety = (SimulatedSafetyIo) s.safety();
      Thread button = new Thread(() -> {
        try {
          while (s.hardware().state() != LifecycleState.ACTIVE) {
            Thread.sleep(1);
          }
          Thread.sleep(700);
          safety.estopButton(true, System.nanoTime());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      button.setDaemon(true);
      button.start();
      TrialReport r = s.learnAndPerform(0, demo);
      button.join(5000);
      assertEquals(LoopOutcome.ESTOP, r.loop().outcome(), r.loop().toString());
      assertFalse(r.completed());
      assertTrue(r.periodsPerformed() > 0 && r.periodsPerformed() < config.control().trialPeriods());
      assertTrue(disabled(s));
      assertFalse(safety.motorEnabled());
      HardwareException e = assertThrows(HardwareException.class, () -> s.learnAndPerform(1, demo));
      assertTrue(disabled(s), e.getMessage());
    }
  }

  /** A calibration file made for robot {@code id}: the base as configured. */
  private static Path calibrationFor(String id, EngramConfig config, Path dir) throws Exception {
    JointConfig base = config.robot().joints().get(0);
    JointCorrection same = new JointCorrection(base.name(), base.homeOffsetCounts(),
        base.direction(), base.countsPerDegree(), 30, 0);
    Path file = dir.resolve(id + ".yaml");
    CalibrationWriter.write(file, Calibration.ofJoints(id,
        new JointCalibration(Instant.now(), HomingMethod.KNOWN_POSE, List.of(same))));
    return file;
  }

  @Test
  void aCalibrationForAnotherRobotIsReported(@TempDir Path dir) throws Exception {
    EngramConfig config = readoutConfig();
    Path other = calibrationFor("other-arm", config, dir);
    EngramConfig lenient =
        config.withCalibration(CalibrationConfig.defaults().withFile(other));
    try (Session s = Session.open(lenient, LearningSetup.of(lenient))) {
      assertEquals(List.of("calibration made for robot 'other-arm', not for '"
          + config.robot().id() + "'"), s.calibrationFindings());
      assertTrue(s.calibration().isPresent());
    }
    // Its own robot's calibration has nothing to report.
    EngramConfig own = config.withCalibration(
        CalibrationConfig.defaults().withFile(calibrationFor(config.robot().id(), config, dir)));
    try (Session s = Session.open(own, LearningSetup.of(own))) {
      assertEquals(List.of(), s.calibrationFindings());
    }
  }

  @Test
  void aStrictPolicyStopsBeforeTheArmIsConnected(@TempDir Path dir) throws Exception {
    EngramConfig config = readoutConfig();
    EngramConfig strict = config.withCalibration(new CalibrationConfig(
        Optional.of(calibrationFor("other-arm", config, dir)), Duration.ofDays(30),
        true));
    ConfigException e = assertThrows(ConfigException.class,
        () -> Session.open(strict, LearningSetup.of(strict)).close());
    assertTrue(e.getMessage().contains("other-arm"), e.getMessage());
  }
}
