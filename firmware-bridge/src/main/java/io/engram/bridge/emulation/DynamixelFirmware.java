package io.engram.bridge.emulation;

import io.engram.bridge.dynamixel.ControlTable;
import io.engram.bridge.dynamixel.DynamixelCodec;
import io.engram.bridge.dynamixel.DynamixelDecoder;
import io.engram.bridge.dynamixel.DynamixelPacket;
import io.engram.bridge.dynamixel.Instruction;
import io.engram.bridge.dynamixel.StatusError;
import io.engram.bridge.link.Link;
import io.engram.bridge.link.LinkDownException;
import io.engram.config.DynamixelConfig;
import io.engram.config.JointConfig;

/**
 * A bus of emulated X-series servos (model 1020, XM430-W350), one per joint of an {@link
 * EmulatedArm}, with the ids of the joints' bus ids and the control table of SPEC section 8: PING,
 * READ, WRITE, REG_WRITE/ACTION, REBOOT, SYNC_READ/WRITE and BULK_READ/WRITE, status errors as a
 * real servo reports them (EEPROM writes with torque on are an access error, out-of-range goals a
 * data limit error), and a hardware alert when the motor power drops with torque on.
 */
public final class DynamixelFirmware implements EmulatedFirmware {

  /** Firmware version the emulated servos report. */
  public static final int FIRMWARE_VERSION = 48;

  private final EmulatedArm arm;
  private final Link link;
  private final DynamixelConfig units;
  private final Servo[] servos;
  private final DynamixelDecoder decoder = new DynamixelDecoder();
  private final byte[] tx = new byte[DynamixelCodec.MAX_PACKET * 2];
  private final byte[] reply = new byte[DynamixelCodec.MAX_LENGTH];
  private final DynamixelDecoder.Handler handler = this::handle;
  private LinkDownException pending;

  public DynamixelFirmware(EmulatedArm arm, Link link, DynamixelConfig units) {
    this.arm = arm;
    this.link = link;
    this.units = units;
    servos = new Servo[arm.jointCount()];
    for (int j = 0; j < servos.length; j++) {
      JointConfig c = arm.joint(j);
      if (c.busId() < 0 || c.busId() > Instruction.MAX_ID) {
        throw new IllegalArgumentException("joint " + c.name() + ": Dynamixel id " + c.busId()
            + " out of range 0.." + Instruction.MAX_ID);
      }
      servos[j] = new Servo(j, c);
    }
  }

  @Override
  public EmulatedArm arm() {
    return arm;
  }

  /** Packets the servos dropped for a bad CRC or length. */
  public DynamixelDecoder decoder() {
    return decoder;
  }

  /** The control table byte at {@code address} of the servo with {@code id} (for tests). */
  public synchronized int register(int id, int address, int size) {
    Servo s = byId(id);
    if (s == null) {
      throw new IllegalArgumentException("no servo with id " + id);
    }
    s.refresh();
    return DynamixelCodec.signed(s.table, address, size);
  }

  private Servo byId(int id) {
    for (Servo s : servos) {
      if (s.id() == id) {
        return s;
      }
    }
    return null;
  }

  @Override
  public synchronized void onBytes(byte[] buf, int off, int len, long nowNanos)
      throws LinkDownException {
    arm.advanceTo(nowNanos);
    decoder.feed(buf, off, len, handler);
    LinkDownException e = pending;
    pending = null;
    if (e != null) {
      throw e;
    }
  }

  @Override
  public synchronized void tick(long nowNanos) {
    arm.advanceTo(nowNanos);
    for (Servo s : servos) {
      s.tick();
    }
  }

  private void handle(DynamixelPacket p) {
    if (p.isStatus()) {
      return;
    }
    try {
      switch (p.instruction()) {
        case Instruction.SYNC_READ:
          syncRead(p);
          return;
        case Instruction.SYNC_WRITE:
          syncWrite(p);
          return;
        case Instruction.BULK_READ:
          bulkRead(p);
          return;
        case Instruction.BULK_WRITE:
          bulkWrite(p);
          return;
        default:
          break;
      }
      for (Servo s : servos) {
        if (p.id() == s.id() || p.id() == Instruction.BROADCAST_ID) {
          s.instruction(p);
        }
      }
    } catch (LinkDownException e) {
      pending = e;
    }
  }

  private void syncRead(DynamixelPacket p) throws LinkDownException {
    if (p.paramLength() < 4) {
      return;
    }
    int address = (int) p.unsigned(0, 2);
    int length = (int) p.unsigned(2, 2);
    for (int k = 4; k < p.paramLength(); k++) {
      Servo s = byId(p.params()[k] & 0xFF);
      if (s != null) {
        s.readAndReply(address, length);
      }
    }
  }

  private void syncWrite(DynamixelPacket p) {
    if (p.paramLength() < 4) {
      return;
    }
    int address = (int) p.unsigned(0, 2);
    int length = (int) p.unsigned(2, 2);
    for (int k = 4; k + 1 + length <= p.paramLength(); k += 1 + length) {
      Servo s = byId(p.params()[k] & 0xFF);
      if (s != null) {
        s.write(address, p.params(), k + 1, length);
      }
    }
  }

  private void bulkRead(DynamixelPacket p) throws LinkDownException {
    for (int k = 0; k + 5 <= p.paramLength(); k += 5) {
      Servo s = byId(p.params()[k] & 0xFF);
      if (s != null) {
        s.readAndReply((int) p.unsigned(k + 1, 2), (int) p.unsigned(k + 3, 2));
      }
    }
  }

  private void bulkWrite(DynamixelPacket p) {
    int k = 0;
    while (k + 5 <= p.paramLength()) {
      int length = (int) p.unsigned(k + 3, 2);
      if (k + 5 + length > p.paramLength()) {
        return;
      }
      Servo s = byId(p.params()[k] & 0xFF);
      if (s != null) {
        s.write((int) p.unsigned(k + 1, 2), p.params(), k + 5, length);
      }
      k += 5 + length;
    }
  }

  /** One servo: its control table, mirrored onto joint {@code j} of the arm. */
  private final class Servo {
    final int j;
    final JointConfig joint;
    final byte[] table = new byte[ControlTable.SIZE];
    final byte[] registered = new byte[ControlTable.SIZE];
    int registeredAddress = -1;
    int registeredLength;

    Servo(int j, JointConfig joint) {
      this.j = j;
      this.joint = joint;
      reset();
    }

    void reset() {
      java.util.Arrays.fill(table, (byte) 0);
      DynamixelCodec.put(table, ControlTable.MODEL_NUMBER, ControlTable.MODEL_XM430_W350, 2);
      table[ControlTable.FIRMWARE_VERSION] = (byte) FIRMWARE_VERSION;
      table[ControlTable.ID] = (byte) joint.busId();
      table[ControlTable.BAUD_RATE] = 1;
      table[ControlTable.RETURN_DELAY_TIME] = 0;
      table[ControlTable.OPERATING_MODE] = (byte) units.operatingMode().register();
      DynamixelCodec.put(table, ControlTable.VELOCITY_LIMIT,
          (long) Math.floor(joint.velocityLimitRadPerS() / units.radiansPerSecondPerUnit()), 4);
      long a = joint.radiansToCounts(joint.limits().minRad());
      long b = joint.radiansToCounts(joint.limits().maxRad());
      DynamixelCodec.put(table, ControlTable.MAX_POSITION_LIMIT, Math.max(a, b), 4);
      DynamixelCodec.put(table, ControlTable.MIN_POSITION_LIMIT, Math.min(a, b), 4);
      table[ControlTable.STATUS_RETURN_LEVEL] = 2;
      DynamixelCodec.put(table, ControlTable.PRESENT_INPUT_VOLTAGE, 120, 2);
      table[ControlTable.PRESENT_TEMPERATURE] = 35;
      registeredAddress = -1;
      arm.command(j, 0, false);
    }

    int id() {
      return table[ControlTable.ID] & 0xFF;
    }

    boolean torque() {
      return table[ControlTable.TORQUE_ENABLE] != 0;
    }

    int hardwareError() {
      return table[ControlTable.HARDWARE_ERROR_STATUS] & 0xFF;
    }

    int errByte(StatusError e) {
      return e.number() | (hardwareError() != 0 ? StatusError.ALERT_BIT : 0);
    }

    /** Writes the present values into the table. */
    void refresh() {
      int direction = joint.direction();
      DynamixelCodec.put(table, ControlTable.PRESENT_POSITION, arm.encoderCounts(j), 4);
      DynamixelCodec.put(table, ControlTable.PRESENT_VELOCITY,
          Math.round(direction * arm.velocity(j) / units.radiansPerSecondPerUnit()), 4);
      DynamixelCodec.put(table, ControlTable.PRESENT_CURRENT,
          Math.round(arm.currentMilliAmps(j) / units.currentUnitMa()), 2);
      table[ControlTable.MOVING] = (byte) (Math.abs(arm.velocity(j)) > 1e-3 ? 1 : 0);
    }

    /** Per-tick work: power loss, position-mode control. */
    void tick() {
      if (torque() && !arm.motorPower()) {
        table[ControlTable.HARDWARE_ERROR_STATUS] |= ControlTable.HW_INPUT_VOLTAGE;
        table[ControlTable.TORQUE_ENABLE] = 0;
        arm.command(j, 0, false);
        return;
      }
      if (torque() && table[ControlTable.OPERATING_MODE] == ControlTable.MODE_POSITION) {
        double goal = joint.countsToRadians(DynamixelCodec.signed(table, ControlTable.GOAL_POSITION, 4));
        double err = goal - arm.angle(j);
        // A proportional position loop that reaches the goal at up to the velocity limit.
        arm.command(j, err * 20.0, true);
      }
    }

    void instruction(DynamixelPacket p) throws LinkDownException {
      boolean broadcast = p.id() == Instruction.BROADCAST_ID;
      switch (p.instruction()) {
        case Instruction.PING:
          DynamixelCodec.put(reply, 0, DynamixelCodec.unsigned(table, 0, 2), 2);
          reply[2] = table[ControlTable.FIRMWARE_VERSION];
          status(errByte(StatusError.NONE), 3, true, 0);
          return;
        case Instruction.READ:
          if (p.paramLength() != 4) {
            status(errByte(StatusError.DATA_LENGTH), 0, !broadcast);
            return;
          }
          readAndReply((int) p.unsigned(0, 2), (int) p.unsigned(2, 2));
          return;
        case Instruction.WRITE: {
          if (p.paramLength() < 3) {
            status(errByte(StatusError.DATA_LENGTH), 0, !broadcast);
            return;
          }
          StatusError e = write((int) p.unsigned(0, 2), p.params(), 2, p.paramLength() - 2);
          status(errByte(e), 0, !broadcast);
          return;
        }
        case Instruction.REG_WRITE: {
          if (p.paramLength() < 3) {
            status(errByte(StatusError.DATA_LENGTH), 0, !broadcast);
            return;
          }
          registeredAddress = (int) p.unsigned(0, 2);
          registeredLength = Math.min(p.paramLength() - 2, registered.length);
          System.arraycopy(p.params(), 2, registered, 0, registeredLength);
          table[ControlTable.REGISTERED_INSTRUCTION] = 1;
          status(errByte(StatusError.NONE), 0, !broadcast);
          return;
        }
        case Instruction.ACTION: {
          StatusError e = StatusError.NONE;
          if (registeredAddress >= 0) {
            e = write(registeredAddress, registered, 0, registeredLength);
            registeredAddress = -1;
            table[ControlTable.REGISTERED_INSTRUCTION] = 0;
          }
          status(errByte(e), 0, !broadcast);
          return;
        }
        case Instruction.REBOOT:
          status(errByte(StatusError.NONE), 0, !broadcast);
          int id = id();
          reset();
          table[ControlTable.ID] = (byte) id;
          return;
        default:
          status(errByte(StatusError.INSTRUCTION), 0, !broadcast);
      }
    }

    void readAndReply(int address, int length) throws LinkDownException {
      if (address < 0 || length <= 0 || address + length > ControlTable.SIZE
          || length > reply.length) {
        status(errByte(StatusError.DATA_RANGE), 0, true, 1);
        return;
      }
      refresh();
      System.arraycopy(table, address, reply, 0, length);
      status(errByte(StatusError.NONE), length, true, 1);
    }

    /** Applies a write as the servo would; returns the status error it reports. */
    StatusError write(int address, byte[] data, int off, int length) {
      if (address < 0 || length <= 0 || address + length > ControlTable.SIZE) {
        return StatusError.DATA_RANGE;
      }
      if (address < ControlTable.EEPROM_END && torque()) {
        return StatusError.ACCESS;
      }
      for (int a = address; a < address + length; a++) {
        if (readOnly(a)) {
          return StatusError.ACCESS;
        }
      }
      if (covers(address, length, ControlTable.GOAL_VELOCITY, 4)) {
        long v = DynamixelCodec.signed(data, off + ControlTable.GOAL_VELOCITY - address, 4);
        if (Math.abs(v) > DynamixelCodec.unsigned(table, ControlTable.VELOCITY_LIMIT, 4)) {
          return StatusError.DATA_LIMIT;
        }
      }
      if (covers(address, length, ControlTable.GOAL_POSITION, 4)) {
        long g = DynamixelCodec.signed(data, off + ControlTable.GOAL_POSITION - address, 4);
        if (g > DynamixelCodec.unsigned(table, ControlTable.MAX_POSITION_LIMIT, 4)
            || g < (int) DynamixelCodec.unsigned(table, ControlTable.MIN_POSITION_LIMIT, 4)) {
          return StatusError.DATA_LIMIT;
        }
      }
      if (covers(address, length, ControlTable.TORQUE_ENABLE, 1)
          && data[off + ControlTable.TORQUE_ENABLE - address] != 0 && hardwareError() != 0) {
        return StatusError.RESULT_FAIL; // a servo in alert refuses torque until rebooted
      }
      System.arraycopy(data, off, table, address, length);
      apply();
      return StatusError.NONE;
    }

    /** Model and firmware information, status registers and present values. */
    private boolean readOnly(int address) {
      return address <= ControlTable.FIRMWARE_VERSION
          || address == ControlTable.REGISTERED_INSTRUCTION
          || address == ControlTable.HARDWARE_ERROR_STATUS
          || address >= ControlTable.MOVING;
    }

    private boolean covers(int address, int length, int field, int size) {
      return address <= field && address + length >= field + size;
    }

    /** Mirrors torque and goal velocity onto the arm. */
    void apply() {
      boolean on = torque();
      if (table[ControlTable.OPERATING_MODE] == ControlTable.MODE_VELOCITY) {
        int units = DynamixelCodec.signed(table, ControlTable.GOAL_VELOCITY, 4);
        double v = joint.direction() * units * DynamixelFirmware.this.units.radiansPerSecondPerUnit();
        arm.command(j, v, on);
      } else if (!on) {
        arm.command(j, 0, false);
      } else {
        tick();
      }
    }

    /**
     * Sends a status packet unless the instruction was broadcast ({@code answer} false) or the
     * Status Return Level (0: PING only, 1: PING and reads, 2: all) withholds it.
     */
    void status(int err, int length, boolean answer) throws LinkDownException {
      status(err, length, answer, 2);
    }

    void status(int err, int length, boolean answer, int levelNeeded) throws LinkDownException {
      int level = table[ControlTable.STATUS_RETURN_LEVEL];
      if (!answer || level < levelNeeded) {
        return;
      }
      int n = DynamixelCodec.status(id(), err, reply, 0, length, tx);
      link.write(tx, 0, n);
    }
  }
}
