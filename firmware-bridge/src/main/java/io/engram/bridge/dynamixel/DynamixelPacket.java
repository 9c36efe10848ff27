package io.engram.bridge.dynamixel;

/**
 * A decoded Dynamixel 2.0 packet, as a reusable view: id, instruction (0x55 for a status packet),
 * the ERR byte of a status packet, and the unstuffed parameters. The decoder overwrites it for
 * every packet, so a handler must copy what it keeps.
 */
public final class DynamixelPacket {
  int id;
  int instruction;
  int error;
  final byte[] params = new byte[DynamixelCodec.MAX_LENGTH];
  int paramLength;

  public int id() {
    return id;
  }

  public int instruction() {
    return instruction;
  }

  public boolean isStatus() {
    return instruction == Instruction.STATUS;
  }

  /** The ERR byte of a status packet (0 for an instruction packet). */
  public int error() {
    return error;
  }

  public byte[] params() {
    return params;
  }

  public int paramLength() {
    return paramLength;
  }

  /** The unsigned little-endian integer of {@code size} (1, 2 or 4) bytes at parameter {@code i}. */
  public long unsigned(int i, int size) {
    return DynamixelCodec.unsigned(params, i, size);
  }

  @Override
  public String toString() {
    return Instruction.name(instruction) + " id=" + id
        + (isStatus() ? " err=0x" + Integer.toHexString(error) : "") + " params=" + paramLength;
  }
}
