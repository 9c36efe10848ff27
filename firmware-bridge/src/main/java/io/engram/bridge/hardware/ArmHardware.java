package io.engram.bridge.hardware;

import io.engram.bridge.dynamixel.DynamixelMaster;
import io.engram.bridge.link.Link;
import io.engram.bridge.link.LinkDownException;
import io.engram.bridge.safety.SafetyIo;
import io.engram.bridge.safety.StatusLight;
import io.engram.config.ControlConfig;
import io.engram.config.JointConfig;
import io.engram.config.LinkConfig;
import io.engram.config.RobotConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The arm as a {@link HardwareInterface}: a link (opened on configure), the configured wire
 * protocol, and the board's {@link SafetyIo}.
 *
 * <p>Every {@link #read} checks the e-stop, requests one sample of every joint and waits for it at
 * most the link's read timeout. A missing sample is LATE until the last fresh one is older than
 * the configuration's sensor timeout, then STALE. While ACTIVE, a STALE sensor, a link that went
 * down, an arm fault or the e-stop stop the arm before {@code read} returns: the motor-enable
 * output goes low first (cutting the drivers' power whatever the bus does), then a disable command
 * is sent as well as the link allows. {@link #write} clamps every set-point to the joint's velocity
 * limit and so that the joint can still stop inside its safe limits, and counts both: a joint
 * whose velocity follows its command with the configured stopping time (a first-order lag) and
 * is now at q moving at v_now travels {@code v P + stoppingTime v_now} if it is commanded v for one
 * period P and then zero, so the set-point is kept where that stopping point stays inside the safe
 * limits, braking against the motion when the present velocity alone would carry it out.
 */
public final class ArmHardware implements HardwareInterface {

  private static final Logger LOG = LoggerFactory.getLogger(ArmHardware.class);

  /** Opens the link when the component is configured. */
  @FunctionalInterface
  public interface LinkOpener {
    Link open() throws LinkDownException;
  }

  private final RobotConfig robot;
  private final LinkConfig linkConfig;
  private final LinkOpener opener;
  private final SafetyIo safety;
  private final List<JointConfig> joints;
  private final int n;
  private final long periodNanos;
  private final double stoppingSeconds;
  private final long sensorTimeoutNanos;
  private final Map<String, JointStateHandle> stateHandles = new LinkedHashMap<>();
  private final Map<String, JointCommandHandle> commandHandles = new LinkedHashMap<>();
  private final JointStateHandle[] states;
  private final JointCommandHandle[] commands;
  private final double[] position;
  private final double[] velocity;
  private final double[] effort;
  private final int[] flags;
  private final double[] out;
  private final double[] zero;
  private final HardwareStats stats = new HardwareStats();

  private volatile LifecycleState state = LifecycleState.UNCONFIGURED;
  private Link link;
  private ArmBus bus;
  private long lastFreshNanos;
  private boolean everFresh;
  private String errorReason = "";
  private String description = "";

  /**
   * An arm described by {@code robot}, reached over the link {@code opener} opens, speaking {@code
   * linkConfig}'s protocol, timed by {@code control} (I/O period, sensor timeout and stopping time).
   */
  public ArmHardware(RobotConfig robot, LinkConfig linkConfig, ControlConfig control,
      LinkOpener opener, SafetyIo safety) {
    this.robot = robot;
    this.linkConfig = linkConfig;
    this.opener = opener;
    this.safety = safety;
    this.joints = robot.joints();
    this.n = joints.size();
    this.periodNanos = control.ioPeriodNanos();
    this.stoppingSeconds = control.stoppingTime().toNanos() * 1e-9;
    this.sensorTimeoutNanos = control.sensorTimeout().toNanos();
    states = new JointStateHandle[n];
    commands = new JointCommandHandle[n];
    for (int j = 0; j < n; j++) {
      String name = joints.get(j).name();
      states[j] = new JointStateHandle(name);
      commands[j] = new JointCommandHandle(name);
      stateHandles.put(name, states[j]);
      commandHandles.put(name, commands[j]);
    }
    position = new double[n];
    velocity = new double[n];
    effort = new double[n];
    flags = new int[n];
    out = new double[n];
    zero = new double[n];
  }

  @Override
  public LifecycleState state() {
    return state;
  }

  /** What the arm reported when it was configured (firmware, ids, models). */
  public String description() {
    return description;
  }

  public RobotConfig robot() {
    return robot;
  }

  @Override
  public synchronized void configure() throws HardwareException {
    if (state != LifecycleState.UNCONFIGURED) {
      throw new HardwareException("configure needs UNCONFIGURED, the arm is " + state);
    }
    safety.motorEnable(false);
    try {
      link = opener.open();
      long timeout = linkConfig.readTimeout().toNanos();
      switch (linkConfig.protocol()) {
        case DYNAMIXEL2:
          bus = new DynamixelArmBus(new DynamixelMaster(link, timeout), joints,
              linkConfig.dynamixel(), linkConfig.retries());
          break;
        case ENGRAM:
        default:
          bus = new EngramArmBus(link, joints, timeout, linkConfig.retries());
      }
      description = bus.open();
    } catch (LinkDownException e) {
      closeLink();
      throw new HardwareException("the link to the arm is down: " + e.getMessage(), e);
    } catch (HardwareException | RuntimeException e) {
      closeLink();
      throw e;
    }
    LOG.info("arm configured on {}: {}", link.name(), description);
    everFresh = false;
    state = LifecycleState.INACTIVE;
    safety.status(StatusLight.READY);
  }

  @Override
  public synchronized void activate() throws HardwareException {
    if (state != LifecycleState.INACTIVE) {
      throw new HardwareException("activate needs INACTIVE, the arm is " + state);
    }
    long now = System.nanoTime();
    if (safety.estopLatched(now)) {
      throw new HardwareException("the e-stop is latched; release it and recover first");
    }
    Health h = read(now);
    for (int attempt = 0; attempt < linkConfig.retries() && h != Health.OK
        && h != Health.ARM_FAULT && h != Health.ESTOP; attempt++) {
      h = read(System.nanoTime());
    }
    if (h != Health.OK) {
      throw new HardwareException("cannot activate: the arm reads " + h
          + (h == Health.ARM_FAULT ? " (" + bus.faultDescription() + ")" : ""));
    }
    safety.motorEnable(true);
    if (!safety.motorEnabled()) {
      throw new HardwareException("the motor-enable output refused to switch on");
    }
    for (JointCommandHandle c : commands) {
      c.velocity(0);
    }
    try {
      bus.write(zero, true, System.nanoTime());
    } catch (LinkDownException | RuntimeException e) {
      safety.motorEnable(false);
      throw new HardwareException("enabling the motors failed: " + e.getMessage(), e);
    }
    state = LifecycleState.ACTIVE;
    safety.status(StatusLight.RUNNING);
    LOG.info("arm active");
  }

  @Override
  public synchronized void deactivate() {
    if (state != LifecycleState.ACTIVE) {
      return;
    }
    disableMotors(false);
    state = LifecycleState.INACTIVE;
    safety.status(StatusLight.READY);
    LOG.info("arm inactive");
  }

  @Override
  public synchronized void recover() throws HardwareException {
    if (state != LifecycleState.ERROR) {
      throw new HardwareException("recover needs ERROR, the arm is " + state);
    }
    if (!safety.resetEstop(System.nanoTime())) {
      throw new HardwareException("the e-stop is still asserted");
    }
    try {
      // Disable every joint first: the arm may not have seen the stop if the link was down.
      bus.write(zero, false, System.nanoTime());
      bus.clearFaults();
    } catch (LinkDownException e) {
      throw new HardwareException("the link to the arm is down: " + e.getMessage(), e);
    }
    errorReason = "";
    everFresh = false;
    state = LifecycleState.INACTIVE;
    safety.status(StatusLight.READY);
    LOG.info("arm recovered");
  }

  @Override
  public synchronized void shutdown() {
    if (state == LifecycleState.FINALIZED) {
      return;
    }
    disableMotors(state != LifecycleState.ACTIVE && state != LifecycleState.INACTIVE);
    closeLink();
    state = LifecycleState.FINALIZED;
    safety.status(StatusLight.OFF);
  }

  private void closeLink() {
    if (link != null) {
      link.close();
    }
    link = null;
    bus = null;
  }

  /**
   * Stops the motors; never throws. In an emergency the motor power goes off first (whatever the
   * bus does), then a disable command follows if the link allows; an orderly stop sends the
   * disable command first and waits for the arm's next sample (so the command has been applied)
   * before the power goes off, so the arm's controller sees no power loss.
   */
  private void disableMotors(boolean emergency) {
    if (emergency) {
      powerOff();
    }
    for (JointCommandHandle c : commands) {
      c.velocity(0);
    }
    if (bus != null) {
      try {
        bus.write(zero, false, System.nanoTime());
        if (!emergency) {
          // The arm answers in order: once this sample arrives it has seen the disable command,
          // so cutting the power next is no power loss under load for its controller.
          bus.read(position, velocity, effort, flags);
        }
      } catch (LinkDownException | RuntimeException e) {
        LOG.warn("disable command not sent: {}", e.toString());
      }
    }
    powerOff();
  }

  private void powerOff() {
    try {
      safety.motorEnable(false);
    } catch (RuntimeException e) {
      LOG.error("could not switch the motor-enable output off", e);
    }
  }

  private void fail(Health health, String reason) {
    disableMotors(true);
    state = LifecycleState.ERROR;
    errorReason = reason;
    stats.errors++;
    safety.status(StatusLight.FAULT);
    LOG.error("arm stopped: {} ({})", reason, health);
  }

  @Override
  public List<String> jointNames() {
    return Collections.unmodifiableList(new ArrayList<>(stateHandles.keySet()));
  }

  @Override
  public JointStateHandle stateHandle(String joint) {
    JointStateHandle h = stateHandles.get(joint);
    if (h == null) {
      throw new IllegalArgumentException("no joint " + joint + " in " + stateHandles.keySet());
    }
    return h;
  }

  @Override
  public JointCommandHandle commandHandle(String joint) {
    JointCommandHandle h = commandHandles.get(joint);
    if (h == null) {
      throw new IllegalArgumentException("no joint " + joint + " in " + commandHandles.keySet());
    }
    return h;
  }

  @Override
  public synchronized Health read(long nowNanos) {
    stats.reads++;
    if (bus == null) {
      return Health.NOT_READY;
    }
    boolean active = state == LifecycleState.ACTIVE;
    try {
      if (safety.estopLatched(nowNanos)) {
        if (active) {
          fail(Health.ESTOP, "emergency stop");
        }
        return Health.ESTOP;
      }
      ArmBus.Sample s = bus.read(position, velocity, effort, flags);
      long now = System.nanoTime();
      stats.droppedFrames = bus.droppedFrames();
      if (s == ArmBus.Sample.FRESH) {
        stats.freshReads++;
        for (int j = 0; j < n; j++) {
          states[j].set(position[j], velocity[j], effort[j], flags[j], now);
        }
        lastFreshNanos = now;
        everFresh = true;
        if (bus.faultLatched()) {
          if (active) {
            fail(Health.ARM_FAULT, "arm fault: " + bus.faultDescription());
          }
          return Health.ARM_FAULT;
        }
        return Health.OK;
      }
      stats.lateReads++;
      if (!everFresh || now - lastFreshNanos > sensorTimeoutNanos) {
        if (active) {
          fail(Health.STALE, "no joint state for longer than the sensor timeout");
        }
        return Health.STALE;
      }
      return Health.LATE;
    } catch (LinkDownException e) {
      if (active) {
        fail(Health.LINK_DOWN, "link down: " + e.getMessage());
      }
      return Health.LINK_DOWN;
    } catch (RuntimeException e) {
      if (active) {
        fail(Health.LINK_DOWN, "read failed: " + e);
      }
      LOG.error("read failed", e);
      return Health.LINK_DOWN;
    }
  }

  @Override
  public synchronized void write(long nowNanos) {
    if (state != LifecycleState.ACTIVE) {
      return;
    }
    double period = periodNanos * 1e-9;
    for (int j = 0; j < n; j++) {
      JointConfig c = joints.get(j);
      double v = commands[j].velocity();
      double limit = c.velocityLimitRadPerS();
      if (Math.abs(v) > limit) {
        v = Math.copySign(limit, v);
        stats.velocityClamps++;
      }
      // Where the joint would come to rest after this period with v and a zero command after.
      double coast = states[j].position() + stoppingSeconds * states[j].velocity();
      double highest = (c.safeLimits().maxRad() - coast) / period;
      double lowest = (c.safeLimits().minRad() - coast) / period;
      if (v > highest) {
        v = Math.max(highest, -limit);
        stats.positionClamps++;
      } else if (v < lowest) {
        v = Math.min(lowest, limit);
        stats.positionClamps++;
      }
      out[j] = v;
    }
    try {
      bus.write(out, true, nowNanos);
      stats.writes++;
    } catch (LinkDownException e) {
      fail(Health.LINK_DOWN, "link down: " + e.getMessage());
    } catch (RuntimeException e) {
      fail(Health.LINK_DOWN, "write failed: " + e);
    }
  }

  @Override
  public String errorReason() {
    return errorReason;
  }

  @Override
  public HardwareStats stats() {
    return stats;
  }
}
