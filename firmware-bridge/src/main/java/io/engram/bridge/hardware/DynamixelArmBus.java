package io.engram.bridge.hardware;

import io.engram.bridge.dynamixel.ControlTable;
import io.engram.bridge.dynamixel.DynamixelCodec;
import io.engram.bridge.dynamixel.DynamixelException;
import io.engram.bridge.dynamixel.DynamixelMaster;
import io.engram.bridge.dynamixel.DynamixelTimeoutException;
import io.engram.bridge.dynamixel.PingReply;
import io.engram.bridge.dynamixel.StatusError;
import io.engram.bridge.link.LinkDownException;
import io.engram.config.DynamixelConfig;
import io.engram.config.DynamixelOperatingMode;
import io.engram.config.JointConfig;
import java.util.List;

/**
 * {@link ArmBus} over Dynamixel Protocol 2.0: one SYNC_READ of present current, velocity and
 * position (10 bytes at 126) per read, one SYNC_WRITE of goal velocity (or goal position, in
 * position mode, integrated from the velocity set-points) per write, torque switched with a
 * SYNC_WRITE at 64. A status packet with the hardware alert flag counts as an arm fault.
 */
final class DynamixelArmBus implements ArmBus {

  private final DynamixelMaster master;
  private final List<JointConfig> joints;
  private final DynamixelConfig units;
  private final int retries;
  private final int n;
  private final int[] ids;
  private final byte[] present;
  private final int[] errBytes;
  private final boolean[] got;
  private final int[] values;
  private final double[] goalRad;
  private final double[] lastPosition;
  private boolean torqueOn;
  private boolean torqueKnown;
  private long lastWriteNanos;
  private boolean alert;
  private String lastFault = "none";

  DynamixelArmBus(DynamixelMaster master, List<JointConfig> joints, DynamixelConfig units,
      int retries) {
    this.master = master;
    this.joints = joints;
    this.units = units;
    this.retries = retries;
    this.n = joints.size();
    ids = joints.stream().mapToInt(JointConfig::busId).toArray();
    present = new byte[n * ControlTable.PRESENT_BLOCK_LENGTH];
    errBytes = new int[n];
    got = new boolean[n];
    values = new int[n];
    goalRad = new double[n];
    lastPosition = new double[n];
  }

  @Override
  public String open() throws HardwareException, LinkDownException {
    master.link().drainInput();
    master.decoder().reset();
    StringBuilder sb = new StringBuilder("Dynamixel bus:");
    for (int k = 0; k < n; k++) {
      int id = ids[k];
      PingReply r = ping(id);
      sb.append(String.format(" id %d model %d fw %d;", r.id(), r.modelNumber(),
          r.firmwareVersion()));
      retrying(k, () -> {
        master.torqueEnable(id, false);
        master.write(id, ControlTable.OPERATING_MODE, units.operatingMode().register(), 1);
        if (units.operatingMode() == DynamixelOperatingMode.VELOCITY) {
          master.write(id, ControlTable.GOAL_VELOCITY, 0, 4);
        }
        return 0L;
      });
    }
    torqueOn = false;
    torqueKnown = true;
    return sb.toString();
  }

  private PingReply ping(int id) throws HardwareException, LinkDownException {
    PingReply[] reply = new PingReply[1];
    retrying(-1, () -> {
      reply[0] = master.ping(id);
      return 0L;
    });
    return reply[0];
  }

  @Override
  public Sample read(double[] position, double[] velocity, double[] effort, int[] flags)
      throws LinkDownException {
    int answered = master.syncRead(ControlTable.PRESENT_BLOCK, ControlTable.PRESENT_BLOCK_LENGTH,
        ids, n, present, errBytes, got);
    if (answered < n) {
      return Sample.MISSING;
    }
    boolean anyAlert = false;
    for (int k = 0; k < n; k++) {
      JointConfig c = joints.get(k);
      int o = k * ControlTable.PRESENT_BLOCK_LENGTH;
      int current = DynamixelCodec.signed(present, o, 2);
      int vel = DynamixelCodec.signed(present, o + 2, 4);
      int pos = DynamixelCodec.signed(present, o + 6, 4);
      position[k] = c.countsToRadians(pos);
      velocity[k] = c.direction() * vel * units.radiansPerSecondPerUnit();
      effort[k] = c.direction() * current * units.currentUnitMa() / 1000.0;
      lastPosition[k] = position[k];
      int f = torqueOn ? JointStateHandle.ENABLED : 0;
      if (StatusError.alert(errBytes[k]) || StatusError.of(errBytes[k]) != StatusError.NONE) {
        f |= JointStateHandle.FAULT;
        anyAlert = true;
      }
      if (position[k] <= c.limits().minRad()) {
        f |= JointStateHandle.AT_LOWER_LIMIT;
      } else if (position[k] >= c.limits().maxRad()) {
        f |= JointStateHandle.AT_UPPER_LIMIT;
      }
      flags[k] = f;
    }
    if (anyAlert && !alert) {
      lastFault = "hardware alert in a status packet";
    }
    alert = anyAlert;
    return Sample.FRESH;
  }

  @Override
  public boolean faultLatched() {
    return alert;
  }

  @Override
  public String faultDescription() {
    return lastFault;
  }

  @Override
  public void write(double[] velocity, boolean enable, long nowNanos) throws LinkDownException {
    if (!torqueKnown || enable != torqueOn) {
      if (!enable) {
        stop();
      }
      for (int k = 0; k < n; k++) {
        values[k] = enable ? 1 : 0;
        goalRad[k] = lastPosition[k];
      }
      master.syncWrite(ControlTable.TORQUE_ENABLE, 1, ids, n, values);
      torqueOn = enable;
      torqueKnown = true;
      lastWriteNanos = nowNanos;
    }
    if (!enable) {
      return;
    }
    double dt = Math.max(0, (nowNanos - lastWriteNanos) * 1e-9);
    lastWriteNanos = nowNanos;
    if (units.operatingMode() == DynamixelOperatingMode.VELOCITY) {
      double unit = units.radiansPerSecondPerUnit();
      for (int k = 0; k < n; k++) {
        values[k] = (int) Math.round(joints.get(k).direction() * velocity[k] / unit);
      }
      master.syncWrite(ControlTable.GOAL_VELOCITY, 4, ids, n, values);
    } else {
      for (int k = 0; k < n; k++) {
        JointConfig c = joints.get(k);
        goalRad[k] = c.limits().clamp(goalRad[k] + velocity[k] * dt);
        values[k] = (int) c.radiansToCounts(goalRad[k]);
      }
      master.syncWrite(ControlTable.GOAL_POSITION, 4, ids, n, values);
    }
  }

  /** Zero goal velocity (or hold the present position) before torque goes off. */
  private void stop() throws LinkDownException {
    if (units.operatingMode() == DynamixelOperatingMode.VELOCITY) {
      java.util.Arrays.fill(values, 0);
      master.syncWrite(ControlTable.GOAL_VELOCITY, 4, ids, n, values);
    }
  }

  @Override
  public long droppedFrames() {
    return master.decoder().dropped();
  }

  @Override
  public void clearFaults() throws HardwareException, LinkDownException {
    for (int k = 0; k < n; k++) {
      int id = ids[k];
      long hw = retrying(k, () -> master.readUnsigned(id, ControlTable.HARDWARE_ERROR_STATUS, 1));
      if (hw != 0) {
        retrying(k, () -> {
          master.reboot(id);
          return 0L;
        });
      }
      retrying(k, () -> {
        master.write(id, ControlTable.OPERATING_MODE, units.operatingMode().register(), 1);
        return 0L;
      });
    }
    alert = false;
    torqueOn = false;
    torqueKnown = true;
  }

  /** One Dynamixel transaction. */
  private interface Transaction {
    long run() throws DynamixelException, LinkDownException;
  }

  /**
   * Runs a transaction for joint {@code k} (-1: not yet known), retrying timeouts up to the
   * configured count.
   */
  private long retrying(int k, Transaction t) throws HardwareException, LinkDownException {
    DynamixelException last = null;
    for (int attempt = 0; attempt <= retries; attempt++) {
      try {
        return t.run();
      } catch (DynamixelTimeoutException e) {
        last = e;
      } catch (DynamixelException e) {
        last = e;
        break;
      }
    }
    String what = k < 0 ? "Dynamixel bus" : "joint " + joints.get(k).name();
    throw new HardwareException(what + ": " + last.getMessage(), last);
  }
}
