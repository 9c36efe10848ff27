package io.engram.control;

import io.engram.config.ControlConfig;
import io.engram.config.JointConfig;
import io.engram.config.RobotConfig;
import io.engram.snn.NetworkState;
import io.engram.snn.SpikeRaster;
import io.engram.snn.SpikingNetwork;
import io.engram.snn.Trainee;
import java.util.Arrays;

/**
 * Performs a trial with the trainee in the loop: each period runs the configured number of network
 * steps (on whatever synapses the trainee lives on, the crossbar included) and turns the readouts
 * into joint velocities.
 *
 * <p>Driven joint k moves by {@code armStep x omega_k} per network step, so the commanded velocity
 * of a period is {@code armStep x sum(omega_k) / period}. Before it is sent it is kept inside the
 * limits: scaled down as a vector (the path's direction is kept) when a joint would exceed its
 * velocity limit, and cut where the commanded path would leave a joint's safe range; both are
 * counted. The commanded path integrates what is left, from home. The set-point adds position
 * feedback toward the commanded path ({@code trackingGain x (commanded - measured)}) so the arm
 * follows the path through its controller's lag; joints the network does not drive are held at
 * home the same way.
 *
 * <p>It records, per period, the commanded and the measured angles of the driven joints; period
 * p's measured angle is read at the start of period p + 1, when the commanded angle p should have
 * been reached. The trial takes {@code trialPeriods + 1} updates: the last one only reads. {@link
 * #update} does not allocate.
 */
public final class TraineeController implements LoopController {

  private final SpikingNetwork network;
  private final NetworkState state;
  private final SpikeRaster clock;
  private final int trialSteps;
  private final int stepsPerPeriod;
  private final int periods;
  private final double armStep;
  private final double period;
  private final double gain;
  private final int[] driven;
  private final boolean[] isDriven;
  private final double[] velocityLimit;
  private final double[] safeMin;
  private final double[] safeMax;
  private final int outputs;
  private final int[] inputs;
  private final double[] sum;
  private final double[] velocity;
  private final double[] reference;
  private final double[] networkOutput;
  private final double[] commandedPath;
  private final double[] measuredPath;
  private int p;
  private int step;
  private int recorded;
  private long velocityScalings;
  private long positionClamps;

  /**
   * A controller for {@code trainee}'s next trial of {@code control.trialSteps()} steps.
   *
   * @param trainee the adapted trainee; only its network is used, with a state of this controller
   */
  public TraineeController(Trainee trainee, RobotConfig robot, ControlConfig control) {
    this.network = trainee.network();
    this.state = network.newState();
    this.trialSteps = control.trialSteps();
    this.clock = trainee.input(trialSteps);
    this.stepsPerPeriod = control.stepsPerPeriod();
    this.periods = control.trialPeriods();
    this.armStep = control.integrationConstantS();
    this.period = control.ioPeriodNanos() * 1e-9;
    this.gain = control.trackingGainPerS();
    this.driven = robot.drivenJointIndices();
    this.outputs = driven.length;
    if (network.shape().readouts() != outputs) {
      throw new IllegalArgumentException("the trainee has " + network.shape().readouts()
          + " readouts for " + outputs + " driven joints");
    }
    int n = robot.joints().size();
    isDriven = new boolean[n];
    for (int j : driven) {
      isDriven[j] = true;
    }
    velocityLimit = new double[outputs];
    safeMin = new double[outputs];
    safeMax = new double[outputs];
    for (int k = 0; k < outputs; k++) {
      JointConfig c = robot.joints().get(driven[k]);
      velocityLimit[k] = c.velocityLimitRadPerS();
      safeMin[k] = c.safeLimits().minRad();
      safeMax[k] = c.safeLimits().maxRad();
    }
    inputs = new int[Math.max(1, network.shape().inputs())];
    sum = new double[outputs];
    velocity = new double[outputs];
    reference = new double[outputs];
    networkOutput = new double[trialSteps * outputs];
    commandedPath = new double[periods * outputs];
    measuredPath = new double[periods * outputs];
  }

  @Override
  public void start() {
    state.reset();
    Arrays.fill(reference, 0);
    p = 0;
    step = 0;
    recorded = 0;
    velocityScalings = 0;
    positionClamps = 0;
  }

  @Override
  public boolean update(double[] measured, double[] setPoints) {
    if (p > 0) {
      for (int k = 0; k < outputs; k++) {
        measuredPath[(p - 1) * outputs + k] = measured[driven[k]];
      }
      recorded = p;
    }
    if (p >= periods) {
      return true;
    }
    Arrays.fill(sum, 0);
    for (int s = 0; s < stepsPerPeriod && step < trialSteps; s++, step++) {
      int count = clock.copyActive(step, inputs, 0);
      network.step(state, inputs, count);
      double[] y = state.readout();
      for (int k = 0; k < outputs; k++) {
        networkOutput[step * outputs + k] = y[k];
        sum[k] += y[k];
      }
    }
    // Velocity limit: scale the whole vector, keeping the path's direction.
    double scale = 1;
    for (int k = 0; k < outputs; k++) {
      velocity[k] = armStep * sum[k] / period;
      scale = Math.max(scale, Math.abs(velocity[k]) / velocityLimit[k]);
    }
    if (scale > 1) {
      velocityScalings++;
      for (int k = 0; k < outputs; k++) {
        velocity[k] /= scale;
      }
    }
    for (int j = 0; j < setPoints.length; j++) {
      if (!isDriven[j]) {
        setPoints[j] = -gain * measured[j];
      }
    }
    for (int k = 0; k < outputs; k++) {
      double from = reference[k];
      double to = from + velocity[k] * period;
      if (to > safeMax[k] || to < safeMin[k]) {
        to = Math.max(safeMin[k], Math.min(safeMax[k], to));
        positionClamps++;
      }
      double v = (to - from) / period;
      reference[k] = to;
      commandedPath[p * outputs + k] = to;
      setPoints[driven[k]] = v + gain * (from - measured[driven[k]]);
    }
    p++;
    return false;
  }

  /** Periods of one trial. */
  public int periods() {
    return periods;
  }

  /** The network's readouts (rad/s) per network step, steps x driven joints, row-major. */
  public double[] networkOutput() {
    return networkOutput.clone();
  }

  /** The commanded angles of the driven joints (rad), periods x driven joints, row-major. */
  public double[] commandedPath() {
    return commandedPath.clone();
  }

  /** The measured angles of the driven joints (rad), periods x driven joints, row-major. */
  public double[] measuredPath() {
    return measuredPath.clone();
  }

  /** Periods recorded so far (the trial is complete at {@link #periods()}). */
  public int periodsRecorded() {
    return recorded;
  }

  /** Periods whose velocity vector was scaled down to the velocity limits. */
  public long velocityScalings() {
    return velocityScalings;
  }

  /** Period commands cut so the commanded path stays in the safe range. */
  public long positionClamps() {
    return positionClamps;
  }
}
