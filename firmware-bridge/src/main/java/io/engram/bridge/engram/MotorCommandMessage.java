package io.engram.bridge.engram;

/**
 * MOTOR_COMMAND payload: per joint a velocity set-point (milli-counts per second) and an enable
 * flag. A joint that is not enabled holds no torque and ignores its set-point. Mutable and reused.
 */
public final class MotorCommandMessage {
  private int jointCount;
  private final int[] velocityMilliCounts = new int[EngramProtocol.MAX_JOINTS];
  private final int[] flags = new int[EngramProtocol.MAX_JOINTS];

  public MotorCommandMessage jointCount(int n) {
    if (n < 0 || n > EngramProtocol.MAX_JOINTS) {
      throw new IllegalArgumentException("joint count " + n + " out of range");
    }
    jointCount = n;
    return this;
  }

  public MotorCommandMessage joint(int j, int velocityMilliCounts, boolean enable) {
    this.velocityMilliCounts[j] = velocityMilliCounts;
    this.flags[j] = enable ? EngramProtocol.COMMAND_ENABLE : 0;
    return this;
  }

  public int length() {
    return EngramProtocol.MOTOR_COMMAND_HEADER + EngramProtocol.MOTOR_COMMAND_PER_JOINT * jointCount;
  }

  /** Writes the payload to {@code out[off..]} and returns its length. */
  public int encode(byte[] out, int off) {
    out[off] = (byte) jointCount;
    out[off + 1] = 0;
    int p = off + EngramProtocol.MOTOR_COMMAND_HEADER;
    for (int j = 0; j < jointCount; j++) {
      Bytes.putI32(out, p, velocityMilliCounts[j]);
      out[p + 4] = (byte) flags[j];
      p += EngramProtocol.MOTOR_COMMAND_PER_JOINT;
    }
    return p - off;
  }

  /** Reads a payload; returns false (leaving this unchanged) when its length or count is wrong. */
  public boolean decode(byte[] buf, int off, int len) {
    if (len < EngramProtocol.MOTOR_COMMAND_HEADER) {
      return false;
    }
    int count = buf[off] & 0xFF;
    if (count > EngramProtocol.MAX_JOINTS
        || len != EngramProtocol.MOTOR_COMMAND_HEADER + EngramProtocol.MOTOR_COMMAND_PER_JOINT * count) {
      return false;
    }
    jointCount = count;
    int p = off + EngramProtocol.MOTOR_COMMAND_HEADER;
    for (int j = 0; j < count; j++) {
      velocityMilliCounts[j] = Bytes.i32(buf, p);
      flags[j] = buf[p + 4] & 0xFF;
      p += EngramProtocol.MOTOR_COMMAND_PER_JOINT;
    }
    return true;
  }

  public int jointCount() {
    return jointCount;
  }

  public int velocityMilliCounts(int j) {
    return velocityMilliCounts[j];
  }

  public boolean enabled(int j) {
    return (flags[j] & EngramProtocol.COMMAND_ENABLE) != 0;
  }
}
