package io.engram.calibration.joints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.bridge.hardware.HardwareException;
import io.engram.calibration.Progress;
import io.engram.calibration.crossbar.CrossbarCalibrator;
import io.engram.config.CalibrationConfig;
import io.engram.config.CrossbarPreset;
import io.engram.config.EngramConfig;
import io.engram.config.JointConfig;
import io.engram.config.LearningConfig;
import io.engram.config.LearningRule;
import io.engram.config.RobotConfig;
import io.engram.config.calibration.Calibration;
import io.engram.config.calibration.CrossbarCalibration;
import io.engram.config.calibration.HomingMethod;
import io.engram.config.yaml.CalibrationWriter;
import io.engram.crossbar.CrossbarArray;
import io.engram.crossbar.CrossbarFactory;
import io.engram.session.LearningSetup;
import io.engram.session.Session;
import io.engram.session.TrialReport;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;
import io.engram.task.ArmModel;
import io.engram.task.MotionTask;
import io.engram.task.TaskMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A whole session (learn one demonstration, perform it) against the emulated arm whose encoders
 * differ from the configuration (base offset and counts per degree, shoulder offset and
 * direction): with the calibration file JointCalibrator made, the arm performs the learned motion
 * as accurately as with the true configuration; without it, it misses.
 */
class CalibratedSessionTest {

  /** The configured arm with the main job's learning rule (readout, seeded random weights). */
  static EngramConfig configured() {
    EngramConfig c = JointCalibratorTest.CONFIGURED;
    LearningConfig l = c.learning();
    return c.withLearning(new LearningConfig(LearningRule.READOUT, l.eta(), l.updateQuantum(),
        l.readout(), l.eprop()));
  }

  @Test
  void aSessionWithTheCalibrationFilePerformsAsWellAsTheTrueConfiguration(@TempDir Path dir)
      throws Exception {
    Calibration cal = Calibration.ofJoints(configured().robot().id(),
        JointCalibratorTest.calibrate(HomingMethod.LIMIT_SWITCH, 0.2, -0.1));
    Path file = dir.resolve("calibration.yaml");
    CalibrationWriter.write(file, cal);
    MotionTask demo = JointCalibratorTest.reachableTask();

    double correct = trueErrorCm(configured().withRobot(JointCalibratorTest.trueArm()), demo);
    double wrong = trueErrorCm(configured(), demo);
    double calibrated = trueErrorCm(
        configured().withCalibration(CalibrationConfig.defaults().withFile(file)), demo);
    LoggerFactory.getLogger(CalibratedSessionTest.class).info("end-effector error of the arm's"
        + " true path in a session: true configuration {} cm, configured {} cm, calibrated {} cm",
        String.format("%.3f", correct), String.format("%.3f", wrong),
        String.format("%.3f", calibrated));
    assertTrue(correct < 3, "with the true configuration the arm misses by " + correct + " cm");
    assertTrue(wrong > correct + 5, "the wrong configuration misses by only " + wrong + " cm");
    assertEquals(correct, calibrated, 0.5, "calibrated " + calibrated + " cm, true " + correct);
  }

  /**
   * Runs a session on {@code config} against the true arm and scores the arm's true path: the
   * joint angles the session measured, turned back into the encoder counts they were read as and
   * converted by the true encoders (the session's own measured-path error trusts its
   * configuration, which is what is in question).
   */
  static double trueErrorCm(EngramConfig config, MotionTask demo) throws Exception {
    RobotConfig truth = JointCalibratorTest.trueArm();
    try (Session s = Session.open(config, LearningSetup.of(config), truth)) {
      TrialReport r;
      try {
        r = s.learnAndPerform(0, demo);
      } catch (HardwareException e) {
        return Double.POSITIVE_INFINITY; // the arm could not be homed: the motion was missed
      }
      if (r.periodsPerformed() < config.control().trialPeriods()) {
        return Double.POSITIVE_INFINITY; // stopped (at a limit, say): the motion was missed
      }
      RobotConfig seen = s.config().robot();
      int[] driven = seen.drivenJointIndices();
      double[] angles = r.measuredAngles();
      for (int p = 0; p < r.periodsPerformed(); p++) {
        for (int k = 0; k < driven.length; k++) {
          JointConfig as = seen.joints().get(driven[k]);
          JointConfig is = truth.joints().get(driven[k]);
          int i = p * driven.length + k;
          angles[i] = is.countsToRadians(as.radiansToCounts(angles[i]));
        }
      }
      ArmModel arm = ArmModel.of(config);
      double[] path = arm.endEffector(angles, r.periodsPerformed());
      return TaskMetrics.meanDistanceCm(path, r.targetPath(), r.periodsPerformed());
    }
  }

  @Test
  void theCrossbarPartIsAppliedToTheTraineesArray(@TempDir Path dir) throws Exception {
    EngramConfig config = configured().withCrossbar(
        configured().crossbar().withDevice(CrossbarPreset.PCM).withFaultRate(0.01));
    NetworkShape shape = NetworkParameters.trainee(config.network()).shape();
    CrossbarArray chip = CrossbarFactory.of(config.crossbar()).forNetwork(shape);
    SplittableRandom rng = new SplittableRandom(3);
    double[] w = new double[shape.synapticRows() * shape.neurons()];
    for (int i = 0; i < w.length; i++) {
      w[i] = rng.nextDouble(-1, 1);
    }
    CrossbarCalibration x = new CrossbarCalibrator(CrossbarCalibrator.Options.defaults(),
        Clock.systemUTC(), Progress.NONE).calibrate(chip, w).calibration();
    assertTrue(x.stuckDevices() > 0, "the chip has stuck devices");
    Path file = dir.resolve("calibration.yaml");
    CalibrationWriter.write(file, Calibration.ofCrossbar(config.robot().id(), x));

    try (Session plain = Session.open(config, LearningSetup.of(config))) {
      assertEquals(0, ((CrossbarArray) plain.trainee().network().synapses()).patchedCells());
    }
    EngramConfig calibrated = config.withCalibration(CalibrationConfig.defaults().withFile(file));
    try (Session s = Session.open(calibrated, LearningSetup.of(calibrated))) {
      CrossbarArray array = (CrossbarArray) s.trainee().network().synapses();
      assertTrue(array.patchedCells() > 0, "the stuck devices' cells are patched");
      assertEquals(config.robot(), s.config().robot(), "no joint part: the robot as configured");
    }
  }
}
