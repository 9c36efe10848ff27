package io.engram.bridge.engram;

/**
 * JOINT_STATE payload: what the firmware measured, per joint position (encoder counts), velocity
 * (milli-counts per second), motor current (mA) and status flags, plus the arm's flags and the
 * sequence numbers it answers. Mutable and reused, so the control loop does not allocate.
 */
public final class JointStateMessage {
  private int ackSeq;
  private int lastCommandSeq;
  private int armFlags;
  private int jointCount;
  private final int[] positionCounts = new int[EngramProtocol.MAX_JOINTS];
  private final int[] velocityMilliCounts = new int[EngramProtocol.MAX_JOINTS];
  private final int[] currentMilliAmps = new int[EngramProtocol.MAX_JOINTS];
  private final int[] jointFlags = new int[EngramProtocol.MAX_JOINTS];

  /** Sets the header fields; {@code jointCount} at most {@link EngramProtocol#MAX_JOINTS}. */
  public JointStateMessage set(int ackSeq, int lastCommandSeq, int armFlags, int jointCount) {
    if (jointCount < 0 || jointCount > EngramProtocol.MAX_JOINTS) {
      throw new IllegalArgumentException("joint count " + jointCount + " out of range");
    }
    this.ackSeq = ackSeq & 0xFFFF;
    this.lastCommandSeq = lastCommandSeq & 0xFFFF;
    this.armFlags = armFlags & 0xFF;
    this.jointCount = jointCount;
    return this;
  }

  /** Sets joint {@code j}'s fields (current saturates to the int16 range). */
  public JointStateMessage joint(int j, int positionCounts, int velocityMilliCounts, int currentMa,
      int flags) {
    this.positionCounts[j] = positionCounts;
    this.velocityMilliCounts[j] = velocityMilliCounts;
    this.currentMilliAmps[j] = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, currentMa));
    this.jointFlags[j] = flags & 0xFF;
    return this;
  }

  /** Payload length for the current joint count. */
  public int length() {
    return EngramProtocol.JOINT_STATE_HEADER + EngramProtocol.JOINT_STATE_PER_JOINT * jointCount;
  }

  /** Writes the payload to {@code out[off..]} and returns its length. */
  public int encode(byte[] out, int off) {
    Bytes.putU16(out, off, ackSeq);
    Bytes.putU16(out, off + 2, lastCommandSeq);
    out[off + 4] = (byte) jointCount;
    out[off + 5] = (byte) armFlags;
    int p = off + EngramProtocol.JOINT_STATE_HEADER;
    for (int j = 0; j < jointCount; j++) {
      Bytes.putI32(out, p, positionCounts[j]);
      Bytes.putI32(out, p + 4, velocityMilliCounts[j]);
      Bytes.putU16(out, p + 8, currentMilliAmps[j]);
      out[p + 10] = (byte) jointFlags[j];
      p += EngramProtocol.JOINT_STATE_PER_JOINT;
    }
    return p - off;
  }

  /** Reads a payload; returns false (leaving this unchanged) when its length or count is wrong. */
  public boolean decode(byte[] buf, int off, int len) {
    if (len < EngramProtocol.JOINT_STATE_HEADER) {
      return false;
    }
    int count = buf[off + 4] & 0xFF;
    if (count > EngramProtocol.MAX_JOINTS
        || len != EngramProtocol.JOINT_STATE_HEADER + EngramProtocol.JOINT_STATE_PER_JOINT * count) {
      return false;
    }
    ackSeq = Bytes.u16(buf, off);
    lastCommandSeq = Bytes.u16(buf, off + 2);
    jointCount = count;
    armFlags = buf[off + 5] & 0xFF;
    int p = off + EngramProtocol.JOINT_STATE_HEADER;
    for (int j = 0; j < count; j++) {
      positionCounts[j] = Bytes.i32(buf, p);
      velocityMilliCounts[j] = Bytes.i32(buf, p + 4);
      currentMilliAmps[j] = Bytes.i16(buf, p + 8);
      jointFlags[j] = buf[p + 10] & 0xFF;
      p += EngramProtocol.JOINT_STATE_PER_JOINT;
    }
    return true;
  }

  /** Sequence number of the STATE_REQUEST this answers. */
  public int ackSeq() {
    return ackSeq;
  }

  /** Sequence number of the last MOTOR_COMMAND the firmware applied. */
  public int lastCommandSeq() {
    return lastCommandSeq;
  }

  public int armFlags() {
    return armFlags;
  }

  public int jointCount() {
    return jointCount;
  }

  public int positionCounts(int j) {
    return positionCounts[j];
  }

  public int velocityMilliCounts(int j) {
    return velocityMilliCounts[j];
  }

  public int currentMilliAmps(int j) {
    return currentMilliAmps[j];
  }

  public int jointFlags(int j) {
    return jointFlags[j];
  }
}
