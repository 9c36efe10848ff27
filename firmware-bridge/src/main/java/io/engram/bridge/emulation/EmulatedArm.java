package io.engram.bridge.emulation;

import io.engram.config.EmulatorConfig;
import io.engram.config.JointConfig;
import io.engram.config.RobotConfig;
import java.util.List;
import java.util.Random;

/**
 * The physics of an emulated arm, shared by the emulated firmwares of both protocols: each joint
 * follows its velocity set-point through a first-order lag, stops at its mechanical limits, and is
 * read through an encoder quantised to the joint's counts per degree, with optional Gaussian noise.
 *
 * <p>A joint moves only while it is enabled and the motor power (the board's motor-enable line) is
 * on; otherwise it coasts to a stop with the same lag. While every motor is disabled, a scripted
 * external motion (a person guiding the arm to record a demonstration) can be {@linkplain
 * #replay(double[][], long) replayed}: the joints then follow the given trajectory.
 *
 * <p>Time is explicit: {@link #advanceTo(long)} integrates in steps of at most 1 ms up to the given
 * clock reading. Thread-safe (every method is synchronized), so a test may inject motion or faults
 * while a firmware thread serves the link.
 */
public final class EmulatedArm {

  /** Rough motor-current model: a friction term and an acceleration term, per joint. */
  private static final double CURRENT_FRICTION_MA = 80.0;

  private static final double CURRENT_MA_PER_RAD_S2 = 40.0;
  private static final long MAX_STEP_NANOS = 1_000_000L;

  private final List<JointConfig> joints;
  private final int n;
  private final double lagSeconds;
  private final double noiseCounts;
  private final Random noise;

  private final double[] angle;
  private final double[] velocity;
  private final double[] acceleration;
  private final double[] setPoint;
  private final boolean[] enabled;
  private final boolean[] velocityClamped;
  private boolean motorPower = true;
  private long clockNanos;
  private boolean started;

  private double[][] replayAngles;
  private long replayStepNanos;
  private long replayStartNanos;

  /** An arm with the joints of {@code robot}, all at home and disabled. */
  public EmulatedArm(RobotConfig robot, EmulatorConfig emulator) {
    this.joints = robot.joints();
    this.n = joints.size();
    this.lagSeconds = emulator.lag().toNanos() * 1e-9;
    this.noiseCounts = emulator.sensorNoiseCounts();
    this.noise = new Random(emulator.seed());
    angle = new double[n];
    velocity = new double[n];
    acceleration = new double[n];
    setPoint = new double[n];
    enabled = new boolean[n];
    velocityClamped = new boolean[n];
  }

  public int jointCount() {
    return n;
  }

  public JointConfig joint(int j) {
    return joints.get(j);
  }

  /** Integrates the physics up to {@code nowNanos} (a {@link System#nanoTime()}-like clock). */
  public synchronized void advanceTo(long nowNanos) {
    if (!started) {
      started = true;
      clockNanos = nowNanos;
      return;
    }
    while (nowNanos - clockNanos > 0) {
      long dt = Math.min(MAX_STEP_NANOS, nowNanos - clockNanos);
      clockNanos += dt;
      step(dt * 1e-9);
    }
  }

  private void step(double dt) {
    if (replayAngles != null) {
      if (replayFollow()) {
        return;
      }
    }
    double alpha = lagSeconds <= 0 ? 1.0 : 1.0 - Math.exp(-dt / lagSeconds);
    for (int j = 0; j < n; j++) {
      JointConfig c = joints.get(j);
      double target = 0;
      velocityClamped[j] = false;
      if (enabled[j] && motorPower) {
        target = setPoint[j];
        double limit = c.velocityLimitRadPerS();
        if (Math.abs(target) > limit) {
          target = Math.copySign(limit, target);
          velocityClamped[j] = true;
        }
      }
      double before = velocity[j];
      double v = before + (target - before) * alpha;
      double q = angle[j] + 0.5 * (before + v) * dt;
      if (q <= c.limits().minRad()) {
        q = c.limits().minRad();
        v = Math.max(0, v);
      } else if (q >= c.limits().maxRad()) {
        q = c.limits().maxRad();
        v = Math.min(0, v);
      }
      acceleration[j] = (v - before) / dt;
      velocity[j] = v;
      angle[j] = q;
    }
  }

  /** Moves the joints along the replayed trajectory; returns false once it has ended. */
  private boolean replayFollow() {
    double t = (double) (clockNanos - replayStartNanos) / replayStepNanos;
    int last = replayAngles.length - 1;
    if (t >= last) {
      for (int j = 0; j < n; j++) {
        angle[j] = joints.get(j).limits().clamp(replayAngles[last][j]);
        velocity[j] = 0;
        acceleration[j] = 0;
      }
      replayAngles = null;
      return true;
    }
    int k = (int) Math.floor(Math.max(0, t));
    double f = Math.max(0, t) - k;
    double stepSeconds = replayStepNanos * 1e-9;
    for (int j = 0; j < n; j++) {
      double a = replayAngles[k][j];
      double b = replayAngles[k + 1][j];
      double v = (b - a) / stepSeconds;
      acceleration[j] = 0;
      velocity[j] = v;
      angle[j] = joints.get(j).limits().clamp(a + (b - a) * f);
    }
    return true;
  }

  /**
   * Starts moving the arm along {@code anglesRad} (one row of absolute joint angles per step of
   * {@code stepNanos}, from the current clock), as a person guiding it would, and returns at once.
   * The first row should be the current pose; the arm ends at the last row.
   *
   * @throws IllegalStateException when a motor is enabled (the arm would fight the person)
   */
  public synchronized void replay(double[][] anglesRad, long stepNanos) {
    for (int j = 0; j < n; j++) {
      if (enabled[j] && motorPower) {
        throw new IllegalStateException("external motion needs every motor disabled; joint "
            + joints.get(j).name() + " is enabled");
      }
    }
    if (anglesRad.length < 2 || stepNanos <= 0) {
      throw new IllegalArgumentException("a replay needs at least two rows and a positive step");
    }
    double[][] copy = new double[anglesRad.length][];
    for (int k = 0; k < anglesRad.length; k++) {
      if (anglesRad[k].length != n) {
        throw new IllegalArgumentException("row " + k + " has " + anglesRad[k].length
            + " angles, the arm has " + n + " joints");
      }
      copy[k] = anglesRad[k].clone();
    }
    replayAngles = copy;
    replayStepNanos = stepNanos;
    replayStartNanos = clockNanos;
  }

  /** Whether a scripted external motion is in progress. */
  public synchronized boolean replaying() {
    return replayAngles != null;
  }

  /** Sets joint {@code j}'s velocity set-point (rad/s) and enable; enabling stops a replay. */
  public synchronized void command(int j, double velocityRadPerS, boolean enable) {
    setPoint[j] = enable ? velocityRadPerS : 0;
    enabled[j] = enable;
    if (enable && replayAngles != null) {
      replayAngles = null;
    }
  }

  /** Disables every joint. */
  public synchronized void disableAll() {
    for (int j = 0; j < n; j++) {
      enabled[j] = false;
      setPoint[j] = 0;
    }
  }

  /** Switches the motor power (the motor-enable line); without it no joint is driven. */
  public synchronized void motorPower(boolean on) {
    motorPower = on;
  }

  public synchronized boolean motorPower() {
    return motorPower;
  }

  public synchronized boolean enabled(int j) {
    return enabled[j];
  }

  public synchronized boolean anyEnabled() {
    for (int j = 0; j < n; j++) {
      if (enabled[j]) {
        return true;
      }
    }
    return false;
  }

  /** The true joint angle (rad), without encoder quantisation or noise. */
  public synchronized double angle(int j) {
    return angle[j];
  }

  /** The true joint velocity (rad/s). */
  public synchronized double velocity(int j) {
    return velocity[j];
  }

  /** Places joint {@code j} at {@code rad} at rest (a test's or a calibration's starting pose). */
  public synchronized void place(int j, double rad) {
    angle[j] = joints.get(j).limits().clamp(rad);
    velocity[j] = 0;
  }

  /** The encoder reading of joint {@code j}: quantised counts, with noise if configured. */
  public synchronized int encoderCounts(int j) {
    JointConfig c = joints.get(j);
    double counts = c.homeOffsetCounts() + angle[j] * c.countsPerRadian();
    if (noiseCounts > 0) {
      counts += noise.nextGaussian() * noiseCounts;
    }
    return (int) Math.round(counts);
  }

  /** Joint {@code j}'s velocity in encoder counts per second (signed by the joint's direction). */
  public synchronized double velocityCounts(int j) {
    return velocity[j] * joints.get(j).countsPerRadian();
  }

  /** A rough motor current (mA): zero when unpowered or disabled. */
  public synchronized int currentMilliAmps(int j) {
    if (!enabled[j] || !motorPower) {
      return 0;
    }
    double i = CURRENT_MA_PER_RAD_S2 * acceleration[j]
        + (Math.abs(velocity[j]) > 1e-6 ? Math.copySign(CURRENT_FRICTION_MA, velocity[j]) : 0);
    return (int) Math.round(i * joints.get(j).direction());
  }

  public synchronized boolean atLowerLimit(int j) {
    return angle[j] <= joints.get(j).limits().minRad();
  }

  public synchronized boolean atUpperLimit(int j) {
    return angle[j] >= joints.get(j).limits().maxRad();
  }

  /** Whether joint {@code j}'s last set-point exceeded its velocity limit and was clamped. */
  public synchronized boolean velocityClamped(int j) {
    return velocityClamped[j];
  }
}
