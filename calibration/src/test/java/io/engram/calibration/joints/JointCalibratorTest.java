package io.engram.calibration.joints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bridge.emulation.EmulatedArm;
import io.engram.bridge.hardware.ArmConnector;
import io.engram.bridge.hardware.ArmHardware;
import io.engram.bridge.hardware.JointCommandHandle;
import io.engram.bridge.safety.SimulatedSafetyIo;
import io.engram.calibration.CalibrationException;
import io.engram.calibration.Progress;
import io.engram.config.ControlConfig;
import io.engram.config.EngramConfig;
import io.engram.config.JointConfig;
import io.engram.config.RobotConfig;
import io.engram.config.calibration.Calibration;
import io.engram.config.calibration.HomingMethod;
import io.engram.config.calibration.JointCalibration;
import io.engram.config.calibration.JointCorrection;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Joint calibration against an emulated arm whose encoders differ from the configuration: the
 * base's offset and counts per degree, the shoulder's offset and direction.
 */
class JointCalibratorTest {

  static final long BASE_OFFSET = 120;
  static final double BASE_COUNTS_PER_DEGREE = 3.55; // the configuration says 3.1428
  static final long SHOULDER_OFFSET = -300;
  static final int SHOULDER_DIRECTION = 1; // the configuration says -1

  /**
   * The published ED-Scorbot values: what the user configured; a sensor timeout that tolerates a
   * busy test machine.
   */
  static final EngramConfig CONFIGURED = tolerant(EngramConfig.defaults());

  static EngramConfig tolerant(EngramConfig c) {
    ControlConfig k = c.control();
    return new EngramConfig(c.robot(), c.kinematics(), c.link(), c.gpio(),
        new ControlConfig(k.trialSteps(), k.armStep(), k.ioRateHz(), Duration.ofMillis(250),
            k.stepsPerPeriod(), k.overrunPolicy(), k.overrunLimit(), k.trackingGainPerS(),
            k.homeTolerance(), k.stoppingTime()),
        c.task(), c.network(), c.learning(), c.crossbar(), c.mqtt(), c.bundle());
  }

  /** The arm as it really is. */
  static RobotConfig trueArm() {
    RobotConfig r = CONFIGURED.robot();
    List<JointConfig> joints = new ArrayList<>(r.joints());
    JointConfig base = joints.get(0);
    joints.set(0, new JointConfig(base.name(), base.busId(), base.limits(), base.safeLimits(),
        base.velocityLimitRadPerS(), BASE_COUNTS_PER_DEGREE, base.direction(), BASE_OFFSET));
    JointConfig sh = joints.get(1);
    joints.set(1, new JointConfig(sh.name(), sh.busId(), sh.limits(), sh.safeLimits(),
        sh.velocityLimitRadPerS(), sh.countsPerDegree(), SHOULDER_DIRECTION, SHOULDER_OFFSET));
    return new RobotConfig(r.id(), joints, r.drivenJoints());
  }

  static JointCalibration calibrate(HomingMethod method, double baseStart, double shoulderStart)
      throws Exception {
    EngramConfig arm = CONFIGURED.withRobot(trueArm());
    RobotConfig view = JointCalibrator.hostView(CONFIGURED.robot());
    try (ArmConnector.Connection c = ArmConnector.connect(arm, view,
        new SimulatedSafetyIo(arm.gpio()))) {
      c.emulator().arm().place(0, baseStart);
      c.emulator().arm().place(1, shoulderStart);
      ArmHardware hw = c.hardware();
      hw.configure();
      hw.activate();
      JointCalibrationOptions options = JointCalibrationOptions.defaults().withMethod(method)
          .withSearchSpeed(1.5);
      JointCalibration result = new JointCalibrator(hw, CONFIGURED.robot(),
          CONFIGURED.control().ioPeriodNanos(), options, Clock.systemUTC(), Progress.NONE)
          .calibrate();
      // The calibration ends with the joints home.
      assertEquals(0, c.emulator().arm().angle(0), Math.toRadians(0.5));
      assertEquals(0, c.emulator().arm().angle(1), Math.toRadians(0.5));
      return result;
    }
  }

  static void assertFindsTheTrueArm(JointCalibration cal) {
    JointCorrection base = cal.joints().get(0);
    JointCorrection shoulder = cal.joints().get(1);
    assertEquals("base", base.name());
    assertEquals(-1, base.direction());
    assertEquals(BASE_OFFSET, base.homeOffsetCounts(), 2);
    assertEquals(BASE_COUNTS_PER_DEGREE, base.countsPerDegree(), 0.005 * BASE_COUNTS_PER_DEGREE);
    assertEquals(SHOULDER_DIRECTION, shoulder.direction());
    assertEquals(SHOULDER_OFFSET, shoulder.homeOffsetCounts(), 3);
    assertEquals(8.8247, shoulder.countsPerDegree(), 0.005 * 8.8247);
    for (JointCorrection j : cal.joints()) {
      // The emulated arm lags its set-point by 30 ms and has no backlash.
      assertTrue(j.latencyMs() > 10 && j.latencyMs() < 150, j + " latency");
      assertTrue(j.backlashDeg() < 1.0, j + " backlash");
    }
  }

  @Test
  void limitSwitchesFindOffsetsDirectionAndScaleFromAnyPose() throws Exception {
    JointCalibration cal = calibrate(HomingMethod.LIMIT_SWITCH, 0.4, -0.3);
    assertFindsTheTrueArm(cal);

    // Performing a motion: the calibrated configuration does as well as the true one.
    MotionTask task = reachableTask();
    double correct = performedErrorCm(CONFIGURED.withRobot(trueArm()).robot(), task);
    double wrong = performedErrorCm(CONFIGURED.robot(), task);
    RobotConfig calibrated = Calibration.ofJoints(CONFIGURED.robot().id(), cal)
        .applyTo(CONFIGURED.robot());
    double fixed = performedErrorCm(calibrated, task);
    LoggerFactory.getLogger(JointCalibratorTest.class).info(
        "end-effector error of the performed motion: true configuration {} cm, configured {} cm,"
            + " calibrated {} cm", correct, wrong, fixed);
    assertTrue(wrong > 5, "the wrong configuration misses by " + wrong + " cm");
    assertTrue(fixed < correct + 0.5, "calibrated " + fixed + " cm, correct " + correct + " cm");
    assertTrue(fixed < 2.5, "calibrated " + fixed + " cm");
  }

  @Test
  void aKnownPoseGivesTheOffsetsAndOneSwitchTheScale() throws Exception {
    assertFindsTheTrueArm(calibrate(HomingMethod.KNOWN_POSE, 0, 0));
  }

  @Test
  void aStopRequestFromAnotherThreadStopsTheArmMidCalibration() throws Exception {
    EngramConfig arm = CONFIGURED.withRobot(trueArm());
    RobotConfig view = JointCalibrator.hostView(CONFIGURED.robot());
    java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
    try (ArmConnector.Connection c = ArmConnector.connect(arm, view, new SimulatedSafetyIo(arm.gpio()))) {
      ArmHardware hw = c.hardware();
      hw.configure();
      hw.activate();
      JointCalibrator calibrator = new JointCalibrator(hw, CONFIGURED.robot(), CONFIGURED.control().ioPeriodNanos(),
          JointCalibrationOptions.defaults().withSearchSpeed(1.5), Clock.systemUTC(), Progress.NONE);
      java.util.concurrent.Future<?> run = worker.submit(() -> calibrator.measureAll());
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (Math.abs(c.emulator().arm().velocity(0)) < 0.1) {
        assertTrue(System.nanoTime() < deadline && !run.isDone(), "the base never moved");
        Thread.sleep(5);
      }
      calibrator.requestStop();
      java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
          java.util.concurrent.ExecutionException.class, () -> run.get(30, java.util.concurrent.TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof CalibrationException, e.toString());
      assertTrue(e.getCause().getMessage().contains("stopped on request"), e.getCause().getMessage());
      Thread.sleep(300); // ten lags of the emulated joints
      assertEquals(0.0, c.emulator().arm().velocity(0), 0.01, "the base was told to stop");
      hw.deactivate();
      assertTrue(!c.emulator().arm().anyEnabled(), "every joint disabled");
    } finally {
      worker.shutdownNow();
    }
  }

  static MotionTask reachableTask() {
    TaskFamily family = TaskFamily.of(CONFIGURED);
    SplittableRandom rng = new SplittableRandom(7);
    MotionTask t;
    do {
      t = family.sample(rng);
    } while (t.clipped());
    return t;
  }

  /**
   * Runs a session's motion through the hardware interface against the true arm, the runtime
   * seeing it through {@code robot}: home the arm by its sensors, command the task's joint
   * velocities one network step per period, and score the true joint path's end effector
   * against the target (mean distance, cm).
   */
  static double performedErrorCm(RobotConfig robot, MotionTask task) throws Exception {
    EngramConfig arm = CONFIGURED.withRobot(trueArm());
    long period = CONFIGURED.control().ioPeriodNanos();
    try (ArmConnector.Connection c = ArmConnector.connect(arm, robot,
        new SimulatedSafetyIo(arm.gpio()))) {
      ArmHardware hw = c.hardware();
      EmulatedArm truth = c.emulator().arm();
      hw.configure();
      hw.activate();
      int[] driven = robot.drivenJointIndices();
      List<JointCommandHandle> commands = new ArrayList<>();
      for (int j : driven) {
        commands.add(hw.commandHandle(robot.joints().get(j).name()));
      }
      long deadline = System.nanoTime();
      // Home by the sensors, as a session does before it moves.
      int still = 0;
      for (int i = 0; i < 1000 && still < 10; i++) {
        if (!hw.read(System.nanoTime()).canMove()) {
          return stopped(hw);
        }
        boolean home = true;
        for (int k = 0; k < driven.length; k++) {
          double q = hw.stateHandle(robot.joints().get(driven[k]).name()).position();
          commands.get(k).velocity(Math.max(-1, Math.min(1, -4 * q)));
          home &= Math.abs(q) < 1e-3;
        }
        still = home ? still + 1 : 0;
        hw.write(System.nanoTime());
        deadline = pace(deadline, period);
      }
      double[] q = new double[CONFIGURED.robot().joints().size()];
      double[] xyz = new double[3];
      double sum = 0;
      for (int t = 0; t < task.steps(); t++) {
        if (!hw.read(System.nanoTime()).canMove()) {
          return stopped(hw);
        }
        for (int k = 0; k < driven.length; k++) {
          commands.get(k).velocity(task.omega(t, k));
        }
        hw.write(System.nanoTime());
        deadline = pace(deadline, period);
        for (int j = 0; j < q.length; j++) {
          q[j] = truth.angle(j);
        }
        CONFIGURED.kinematics().forward(q, xyz);
        double dx = xyz[0] - task.xyz()[3 * t];
        double dy = xyz[1] - task.xyz()[3 * t + 1];
        double dz = xyz[2] - task.xyz()[3 * t + 2];
        sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
      }
      hw.deactivate();
      return 100 * sum / task.steps();
    }
  }

  /** A motion the arm stopped during (at a limit, say) missed its target entirely. */
  private static double stopped(ArmHardware hw) {
    LoggerFactory.getLogger(JointCalibratorTest.class).info("the arm stopped: {}",
        hw.errorReason());
    return Double.POSITIVE_INFINITY;
  }

  private static long pace(long deadline, long period) {
    long next = Math.max(deadline + period, System.nanoTime());
    LockSupport.parkNanos(next - System.nanoTime());
    return next;
  }
}
