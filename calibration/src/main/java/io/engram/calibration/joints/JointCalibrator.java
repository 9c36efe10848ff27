package io.engram.calibration.joints;

import io.engram.bridge.hardware.Health;
import io.engram.bridge.hardware.HardwareInterface;
import io.engram.bridge.hardware.JointCommandHandle;
import io.engram.bridge.hardware.JointStateHandle;
import io.engram.bridge.hardware.LifecycleState;
import io.engram.calibration.CalibrationException;
import io.engram.calibration.Progress;
import io.engram.config.AngleRange;
import io.engram.config.JointConfig;
import io.engram.config.RobotConfig;
import io.engram.config.calibration.HomingMethod;
import io.engram.config.calibration.JointCalibration;
import io.engram.config.calibration.JointCorrection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calibrates the encoders of the arm's joints through the {@link HardwareInterface}, one joint at
 * a time while the others hold still.
 *
 * <p>The calibration works in raw encoder counts, recovered from the state handles through the
 * configuration the hardware converts with ({@link #hostView}), so a wrong configuration does not
 * bias it. Per joint:
 *
 * <ol>
 *   <li>Probe moves: small commanded moves out, out again and back. A first-order response keeps
 *       the area of a velocity pulse, so the settled travel of a move over the commanded amount is
 *       the command gain (counts/s per rad/s commanded); the lag of the travel line behind the
 *       command is the latency; the travel lost on the reversal against the same-direction move is
 *       the backlash.
 *   <li>Scale and sign: a velocity command reaches the joint in encoder units on a bus such as
 *       Engram's, so the encoder cannot measure its own scale; a limit switch at a known angle
 *       (the configured mechanical limit) can. The joint drives to its limit switch(es) and the
 *       counts there, against the counts at the other switch ({@link HomingMethod#LIMIT_SWITCH})
 *       or at the known starting pose ({@link HomingMethod#KNOWN_POSE}), give the signed counts
 *       per degree: direction and magnitude.
 *   <li>Home offset: the counts at angle 0 by that line; the joint then returns home.
 * </ol>
 *
 * The hardware must be ACTIVE. Whatever goes wrong stops the arm (zero velocity) and raises a
 * {@link CalibrationException}.
 */
public final class JointCalibrator {

  private static final Logger LOG = LoggerFactory.getLogger(JointCalibrator.class);
  /** Angle range of the host view: wide enough that no guess of the offset trips the clamps. */
  private static final double VIEW_LIMIT_RAD = 1e6;
  /** Proportional gain of the return moves (1/s). */
  private static final double RETURN_GAIN = 4.0;

  private final HardwareInterface hardware;
  private final RobotConfig robot;
  private final long periodNanos;
  private final JointCalibrationOptions options;
  private final Clock wallClock;
  private final Progress progress;
  private final JointStateHandle[] states;
  private final JointCommandHandle[] commands;
  private long deadline;
  private volatile boolean stopRequested;

  /**
   * @param hardware the arm, ACTIVE, built with {@link #hostView} of {@code robot}
   * @param robot the configured robot (the conversions the hardware applies, before calibration)
   * @param periodNanos the control period to move at
   * @param wallClock stamps the result
   */
  public JointCalibrator(HardwareInterface hardware, RobotConfig robot, long periodNanos,
      JointCalibrationOptions options, Clock wallClock, Progress progress) {
    this.hardware = hardware;
    this.robot = robot;
    this.periodNanos = periodNanos;
    this.options = options;
    this.wallClock = wallClock;
    this.progress = progress;
    int n = robot.joints().size();
    states = new JointStateHandle[n];
    commands = new JointCommandHandle[n];
    for (int j = 0; j < n; j++) {
      String name = robot.joints().get(j).name();
      states[j] = hardware.stateHandle(name);
      commands[j] = hardware.commandHandle(name);
    }
  }

  /**
   * {@code robot} as the hardware should see it while calibrating: the same conversions, but
   * position limits so wide that the hardware's safe-limit clamp (which trusts the configured
   * offset) never holds a joint back; the arm's own limit switches bound the motion.
   */
  public static RobotConfig hostView(RobotConfig robot) {
    List<JointConfig> joints = new ArrayList<>();
    AngleRange wide = new AngleRange(-VIEW_LIMIT_RAD, VIEW_LIMIT_RAD);
    for (JointConfig j : robot.joints()) {
      joints.add(new JointConfig(j.name(), j.busId(), wide, wide, j.velocityLimitRadPerS(),
          j.countsPerDegree(), j.direction(), j.homeOffsetCounts()));
    }
    return new RobotConfig(robot.id(), joints, robot.drivenJoints());
  }

  /**
   * Asks a running calibration to stop (from any thread, e.g. a shutdown hook): within one
   * period it commands zero velocity and {@link #measureAll} throws a {@link
   * CalibrationException}; a calibration started later stops at its first period.
   */
  public void requestStop() {
    stopRequested = true;
  }

  /** Calibrates the joints of the options (the driven joints by default). */
  public JointCalibration calibrate() throws CalibrationException {
    return new JointCalibration(wallClock.instant(), options.method(),
        measureAll().stream().map(JointMeasurement::correction).toList());
  }

  /** As {@link #calibrate}, with every measurement. */
  public List<JointMeasurement> measureAll() throws CalibrationException {
    if (hardware.state() != LifecycleState.ACTIVE) {
      throw new CalibrationException("the arm must be active to calibrate, it is "
          + hardware.state());
    }
    List<String> names = options.joints().isEmpty() ? robot.drivenJoints() : options.joints();
    List<JointMeasurement> out = new ArrayList<>();
    deadline = System.nanoTime();
    try {
      for (int i = 0; i < names.size(); i++) {
        int j = robot.jointIndex(names.get(i));
        if (j < 0) {
          throw new CalibrationException("robot " + robot.id() + " has no joint " + names.get(i));
        }
        double base = (double) i / names.size();
        double share = 1.0 / names.size();
        out.add(measure(j, base, share));
      }
    } finally {
      stopAll();
    }
    progress.report("done", 1);
    return out;
  }

  private JointMeasurement measure(int j, double base, double share) throws CalibrationException {
    JointConfig c = robot.joints().get(j);
    String name = c.name();
    double nominal = c.countsPerRadian();
    progress.report(name + ": probe moves", base);
    Rest start = rest(j);
    double pulse = options.probeSpeedRadPerS() * options.probeDuration().toNanos() * 1e-9;
    Move out1 = move(j, options.probeSpeedRadPerS());
    Move out2 = move(j, options.probeSpeedRadPerS());
    Move back1 = move(j, -options.probeSpeedRadPerS());
    Move back2 = move(j, -options.probeSpeedRadPerS());
    double gain = 0.25 * (out1.travel + out2.travel - back1.travel - back2.travel) / pulse;
    if (!(Math.abs(gain) > 0.05 * Math.abs(nominal))) {
      throw new CalibrationException("joint " + name + " did not move on command (travel "
          + out1.travel + " counts for " + pulse + " rad commanded)");
    }
    double latencyMs = Math.max(0, 1e3 * mean(out1.latencyS, out2.latencyS, back1.latencyS, back2.latencyS));
    // Lost motion: the travel of a move after a reversal short of one in the same direction.
    double backlashCounts = Math.max(0, Math.abs(out2.travel) - Math.abs(back1.travel));
    // A search moves the counts at the nominal rate of the search speed.
    double searchRate = options.searchSpeedRadPerS() * Math.abs(nominal);

    progress.report(name + ": limit switch", base + 0.3 * share);
    double[] line;
    if (options.method() == HomingMethod.LIMIT_SWITCH) {
      Rest a = toLimit(j, +1, searchRate, gain);
      progress.report(name + ": other limit switch", base + 0.55 * share);
      Rest b = toLimit(j, -1, searchRate, gain);
      line = fit(a.counts, a.angleRad, b.counts, b.angleRad);
    } else {
      double known = options.knownPoseRad().getOrDefault(name, 0.0);
      double startCounts = start.counts;
      Rest a = toLimit(j, +1, searchRate, gain);
      line = fit(a.counts, a.angleRad, startCounts, known);
    }
    double countsPerRad = line[0];
    double offset = line[1];
    progress.report(name + ": return home", base + 0.8 * share);
    double residual = goTo(j, offset, searchRate, gain) - offset;
    double countsPerDegree = Math.abs(countsPerRad) * Math.PI / 180;
    JointCorrection correction = new JointCorrection(name, Math.round(offset),
        countsPerRad > 0 ? 1 : -1, countsPerDegree, latencyMs, backlashCounts / countsPerDegree);
    LOG.info("joint {}: offset {} counts, direction {}, {} counts/deg, latency {} ms, backlash {}"
        + " deg", name, correction.homeOffsetCounts(), correction.direction(),
        String.format("%.4f", countsPerDegree), String.format("%.1f", latencyMs),
        String.format("%.3f", correction.backlashDeg()));
    return new JointMeasurement(correction, gain, start.noise, residual);
  }

  private static double mean(double... values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Counts per radian and counts at angle 0 of the line through two (counts, angle) points. */
  private static double[] fit(double countsA, double angleA, double countsB, double angleB)
      throws CalibrationException {
    if (Math.abs(angleA - angleB) < 1e-3) {
      throw new CalibrationException("the two reference angles coincide; cannot scale");
    }
    double k = (countsA - countsB) / (angleA - angleB);
    return new double[] {k, countsA - k * angleA};
  }

  // ---- moves -----------------------------------------------------------------------------

  private record Rest(double counts, double noise, double angleRad) {}

  private record Move(double travel, double latencyS) {}

  /** Commands {@code speed} for the probe duration from rest, then waits for rest again. */
  private Move move(int j, double speed) throws CalibrationException {
    Rest before = rest(j);
    long start = System.nanoTime();
    long end = start + options.probeDuration().toNanos();
    double countsAtEnd = before.counts;
    long endNanos = start;
    while (System.nanoTime() < end) {
      commands[j].velocity(speed);
      cycle();
      countsAtEnd = counts(j);
      endNanos = System.nanoTime();
    }
    commands[j].velocity(0);
    Rest after = rest(j);
    double travel = after.counts - before.counts;
    double rate = travel / ((end - start) * 1e-9);
    // The travel line c(t) = c0 + rate (t - latency) at the end of the command gives the lag.
    double latency = rate == 0 ? Double.NaN
        : (endNanos - start) * 1e-9 - (countsAtEnd - before.counts) / rate;
    return new Move(travel, latency);
  }

  /**
   * Drives joint j so that its counts move in {@code sign} direction until a limit switch closes;
   * returns the rest reading there with the switch's angle.
   */
  private Rest toLimit(int j, int sign, double countsRate, double gain)
      throws CalibrationException {
    JointConfig c = robot.joints().get(j);
    double span = Math.abs(c.limits().maxRad() - c.limits().minRad()) * Math.abs(c.countsPerRadian());
    long timeout = System.nanoTime() + (long) (3e9 + 3e9 * span / countsRate);
    double command = sign * countsRate / gain;
    // A joint resting on a switch (the other one, after the first search) must leave it first.
    boolean left = !atLimit(j);
    while (true) {
      boolean at = atLimit(j);
      if (at && left) {
        break;
      }
      left |= !at;
      if (System.nanoTime() > timeout) {
        throw new CalibrationException("joint " + c.name() + " reached no limit switch in time");
      }
      commands[j].velocity(command);
      cycle();
    }
    commands[j].velocity(0);
    boolean lower = states[j].has(JointStateHandle.AT_LOWER_LIMIT);
    Rest r = rest(j);
    if (!atLimit(j)) {
      throw new CalibrationException("joint " + c.name() + " left its limit switch at rest");
    }
    double angle = lower ? c.limits().minRad() : c.limits().maxRad();
    LOG.debug("joint {}: {} limit switch at {} counts", c.name(), lower ? "lower" : "upper",
        r.counts);
    return new Rest(r.counts, r.noise, angle);
  }

  private boolean atLimit(int j) {
    return states[j].has(JointStateHandle.AT_LOWER_LIMIT)
        || states[j].has(JointStateHandle.AT_UPPER_LIMIT);
  }

  /** Drives joint j to {@code target} counts; returns the counts it rests at. */
  private double goTo(int j, double target, double maxRate, double gain)
      throws CalibrationException {
    JointConfig c = robot.joints().get(j);
    double distance = Math.abs(target - counts(j));
    long timeout = System.nanoTime() + (long) (5e9 + 2e9 * distance / maxRate);
    int still = 0;
    while (still < 5) {
      if (System.nanoTime() > timeout) {
        throw new CalibrationException("joint " + c.name() + " did not reach home in time");
      }
      double error = target - counts(j);
      double rate = Math.max(-maxRate, Math.min(maxRate, RETURN_GAIN * error));
      commands[j].velocity(rate / gain);
      cycle();
      still = Math.abs(error) < 1.0 ? still + 1 : 0;
    }
    commands[j].velocity(0);
    return rest(j).counts;
  }

  /** Waits for the settle time at zero command, then averages the configured samples. */
  private Rest rest(int j) throws CalibrationException {
    long settleEnd = System.nanoTime() + options.settle().toNanos();
    while (System.nanoTime() < settleEnd) {
      cycle();
    }
    int n = options.samples();
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      cycle();
      double x = counts(j);
      sum += x;
      sumSq += x * x;
    }
    double mean = sum / n;
    double var = Math.max(0, sumSq / n - mean * mean);
    return new Rest(mean, Math.sqrt(var), Double.NaN);
  }

  /** Raw encoder counts of joint j, undoing the configuration's conversion. */
  private double counts(int j) {
    JointConfig c = robot.joints().get(j);
    return c.homeOffsetCounts() + states[j].position() * c.countsPerRadian();
  }

  /** One control period: read, check, write the command handles, wait for the next period. */
  private void cycle() throws CalibrationException {
    if (stopRequested) {
      stopAll();
      throw new CalibrationException("stopped on request before the calibration finished");
    }
    long now = System.nanoTime();
    Health h = hardware.read(now);
    if (!h.canMove()) {
      stopAll();
      String why = hardware.errorReason().isEmpty() ? h.toString() : hardware.errorReason();
      throw new CalibrationException("the arm stopped during calibration: " + why);
    }
    hardware.write(now);
    deadline = Math.max(deadline + periodNanos, now);
    long wait = deadline - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  private void stopAll() {
    for (JointCommandHandle c : commands) {
      c.velocity(0);
    }
    if (hardware.state() == LifecycleState.ACTIVE) {
      hardware.write(System.nanoTime());
    }
  }
}
