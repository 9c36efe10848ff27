package io.engram.control;

import io.engram.bridge.hardware.HardwareInterface;
import io.engram.bridge.hardware.Health;
import io.engram.bridge.hardware.JointCommandHandle;
import io.engram.bridge.hardware.JointStateHandle;
import io.engram.bridge.hardware.LifecycleState;
import io.engram.config.ControlConfig;
import io.engram.config.JointConfig;
import io.engram.config.OverrunPolicy;
import io.engram.config.RobotConfig;
import io.engram.telemetry.TelemetrySink;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cyclic loop of the runtime, on one dedicated thread at a fixed period: read the joints,
 * check that it is safe to go on, run one controller step, write the set-points.
 *
 * <p>A period's iteration allocates nothing: joint states and set-points live in arrays resolved
 * once from the hardware's named handles, timing goes to {@link LoopStatistics}. An iteration that
 * ends past the next period boundary is an overrun: the missed boundaries are dropped (the
 * controller runs one step per iteration, so its motion is delayed, never compressed); under
 * {@link OverrunPolicy#STOP} the arm stops after {@code overrunLimit} overruns in a row.
 *
 * <p>Safety: the hardware stops the arm by itself on a stale sensor, a link or arm fault and the
 * e-stop (it checks the e-stop input on every read, so the e-stop acts within one period); the loop
 * ends at once when that happens, when a measured joint leaves its safe range by more than {@link
 * ControlStep#SAFE_RANGE_MARGIN_RAD}, when the controller throws, or on {@link #requestStop()}.
 * Whatever ends a run that drives the arm, the motors are disabled before {@link #run} returns,
 * and nothing the loop catches is thrown out of it.
 */
public final class ControlLoop {

  private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);

  private final HardwareInterface hardware;
  private final long periodNanos;
  private final OverrunPolicy overrunPolicy;
  private final int overrunLimit;
  private final int n;
  private final JointStateHandle[] states;
  private final JointCommandHandle[] commands;
  private final ControlStep step;
  private final double[] measured;
  private final double[] velocities;
  private final double[] setPoints;
  private final LoopStatistics statistics;
  private volatile boolean stopRequested;
  private volatile TelemetrySink telemetry = TelemetrySink.NONE;

  // Per-run state of the iteration (loop thread only).
  private LoopController controller;
  private boolean drive;
  private LoopOutcome outcome;
  private String reason;

  /** A loop over {@code hardware}'s joints as {@code robot} lists them, timed by {@code control}. */
  public ControlLoop(HardwareInterface hardware, RobotConfig robot, ControlConfig control) {
    this.hardware = hardware;
    this.periodNanos = control.ioPeriodNanos();
    this.overrunPolicy = control.overrunPolicy();
    this.overrunLimit = control.overrunLimit();
    this.n = robot.joints().size();
    states = new JointStateHandle[n];
    commands = new JointCommandHandle[n];
    for (int j = 0; j < n; j++) {
      JointConfig c = robot.joints().get(j);
      states[j] = hardware.stateHandle(c.name());
      commands[j] = hardware.commandHandle(c.name());
    }
    step = new ControlStep(robot);
    measured = new double[n];
    velocities = new double[n];
    setPoints = new double[n];
    statistics = new LoopStatistics(periodNanos);
  }

  /** The loop's period (ns). */
  public long periodNanos() {
    return periodNanos;
  }

  /** Timing and overrun counters of the last run. */
  public LoopStatistics statistics() {
    return statistics;
  }

  /**
   * Where every period's joint sample (measured positions and velocities, commanded velocities)
   * is offered; the sink copies it without allocating and never waits.
   */
  public void telemetry(TelemetrySink sink) {
    telemetry = sink == null ? TelemetrySink.NONE : sink;
  }

  /** Asks a running loop to stop the arm and end at its next period; callable from any thread. */
  public void requestStop() {
    stopRequested = true;
  }

  /**
   * Runs {@code controller} until it is done or something stops the arm, on a new thread named
   * {@code engram-control}, and waits for it.
   *
   * @param drive whether the loop drives the arm (the hardware must be ACTIVE) or only reads it
   *     with the motors disabled (recording a demonstration guided by hand)
   */
  public LoopResult run(LoopController controller, boolean drive) {
    AtomicReference<LoopResult> result = new AtomicReference<>();
    Thread thread = new Thread(() -> result.set(runHere(controller, drive)), "engram-control");
    thread.setPriority(Thread.MAX_PRIORITY);
    thread.start();
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
        requestStop();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return result.get();
  }

  /** Runs {@code controller} on the calling thread; see {@link #run}. Never throws. */
  public LoopResult runHere(LoopController controller, boolean drive) {
    statistics.reset();
    stopRequested = false;
    try {
      begin(controller, drive);
      if (drive && hardware.state() != LifecycleState.ACTIVE) {
        end(LoopOutcome.NOT_READY, "the arm is " + hardware.state() + ", not ACTIVE");
      } else {
        controller.start();
        loop();
      }
    } catch (RuntimeException | Error e) {
      LOG.error("control loop failed", e);
      end(LoopOutcome.ERROR, "control loop failed: " + e);
    } finally {
      if (drive) {
        hardware.deactivate();
      }
      zeroCommands();
    }
    boolean disabled = hardware.state() != LifecycleState.ACTIVE;
    LoopResult r = LoopResult.of(outcome, reason, statistics, hardware.stats(), disabled);
    if (r.completed()) {
      LOG.debug("loop completed: {} iterations, {} overruns", r.iterations(), r.overruns());
    } else {
      LOG.warn("loop ended: {} ({}) after {} iterations", r.outcome(), r.reason(), r.iterations());
    }
    return r;
  }

  /** Prepares one run; with {@link #iterate} this is the loop's body without its timing. */
  public void begin(LoopController controller, boolean drive) {
    this.controller = controller;
    this.drive = drive;
    this.outcome = null;
    this.reason = "";
  }

  private void loop() {
    long deadline = System.nanoTime();
    long lastStart = 0;
    while (true) {
      long start = System.nanoTime();
      if (lastStart != 0) {
        statistics.period(start - lastStart);
      }
      lastStart = start;
      if (!iterate(start)) {
        return;
      }
      statistics.iteration(System.nanoTime() - start);
      deadline += periodNanos;
      long now = System.nanoTime();
      if (now - deadline > 0) {
        long skipped = (now - deadline) / periodNanos + 1;
        deadline += skipped * periodNanos;
        long streak = statistics.overrun(skipped);
        if (overrunPolicy == OverrunPolicy.STOP && streak >= overrunLimit) {
          end(LoopOutcome.OVERRUN, streak + " periods in a row overran");
          return;
        }
      } else {
        statistics.onTime();
      }
      long wait;
      while ((wait = deadline - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
    }
  }

  /**
   * One period: read, check, step, write. Returns whether the loop goes on; when it does not, the
   * outcome is set and an active arm has been told to stop. Does not allocate.
   */
  public boolean iterate(long nowNanos) {
    if (stopRequested) {
      end(LoopOutcome.STOPPED, "stop requested");
      return false;
    }
    Health health = hardware.read(nowNanos);
    if (!health.canMove() && (drive || health != Health.ARM_FAULT)) {
      end(outcomeOf(health), describe(health));
      return false;
    }
    for (int j = 0; j < n; j++) {
      measured[j] = states[j].position();
    }
    ControlStep.Result result = step.apply(controller, measured, setPoints, drive);
    if (result == ControlStep.Result.OUT_OF_BOUNDS) {
      end(LoopOutcome.OUT_OF_BOUNDS, "joint " + step.offendingJoint() + " left its safe range");
      return false;
    }
    for (int j = 0; j < n; j++) {
      commands[j].velocity(setPoints[j]);
      velocities[j] = states[j].velocity();
    }
    telemetry.joints(nowNanos, measured, velocities, setPoints);
    if (drive) {
      hardware.write(nowNanos);
      if (hardware.state() != LifecycleState.ACTIVE) {
        end(LoopOutcome.LINK_DOWN, "the arm stopped on write: " + hardware.errorReason());
        return false;
      }
    }
    if (result == ControlStep.Result.DONE) {
      end(LoopOutcome.COMPLETED, "");
      return false;
    }
    return true;
  }

  /** How the last run ended (null while it runs). */
  public LoopOutcome outcome() {
    return outcome;
  }

  private void end(LoopOutcome o, String why) {
    if (outcome == null) {
      outcome = o;
      reason = why;
    }
    if (o != LoopOutcome.COMPLETED) {
      zeroCommands();
    }
  }

  private void zeroCommands() {
    Arrays.fill(setPoints, 0);
    for (JointCommandHandle c : commands) {
      c.velocity(0);
    }
  }

  private String describe(Health h) {
    String why = hardware.errorReason();
    return why.isEmpty() ? "the arm reads " + h : why;
  }

  private static LoopOutcome outcomeOf(Health h) {
    switch (h) {
      case ESTOP:
        return LoopOutcome.ESTOP;
      case STALE:
        return LoopOutcome.SENSOR_STALE;
      case LINK_DOWN:
        return LoopOutcome.LINK_DOWN;
      case ARM_FAULT:
        return LoopOutcome.ARM_FAULT;
      case NOT_READY:
      default:
        return LoopOutcome.NOT_READY;
    }
  }
}
