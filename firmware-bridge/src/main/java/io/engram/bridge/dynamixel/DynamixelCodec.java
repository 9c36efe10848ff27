package io.engram.bridge.dynamixel;

/**
 * Encodes Dynamixel Protocol 2.0 packets: header FF FF FD 00, id, length, then instruction (or
 * 0x55 and ERR for a status packet) and parameters with byte stuffing (FF FF FD becomes FF FF FD
 * FD), then the CRC-16 over everything before it, low byte first. Does not allocate.
 */
public final class DynamixelCodec {

  /** The largest LEN field this implementation sends or accepts. */
  public static final int MAX_LENGTH = 1024;
  /** Header, id and LEN. */
  public static final int PREFIX = 7;
  /** The largest whole packet. */
  public static final int MAX_PACKET = PREFIX + MAX_LENGTH;

  private DynamixelCodec() {}

  /**
   * Writes an instruction packet to {@code out}, which needs room for the stuffed packet (at most
   * {@code 10 + len * 4 / 3} bytes).
   *
   * @return the packet's length in bytes
   */
  public static int instruction(int id, int instruction, byte[] params, int off, int len,
      byte[] out) {
    return packet(id, instruction, -1, params, off, len, out);
  }

  /** Writes a status packet carrying {@code error} and {@code params}; returns its length. */
  public static int status(int id, int error, byte[] params, int off, int len, byte[] out) {
    return packet(id, Instruction.STATUS, error, params, off, len, out);
  }

  private static int packet(int id, int instruction, int error, byte[] params, int off, int len,
      byte[] out) {
    if (id < 0 || id > 0xFE) {
      throw new IllegalArgumentException("id " + id + " out of range 0..254");
    }
    out[0] = (byte) 0xFF;
    out[1] = (byte) 0xFF;
    out[2] = (byte) 0xFD;
    out[3] = 0;
    out[4] = (byte) id;
    int p = PREFIX;
    out[p++] = (byte) instruction;
    if (error >= 0) {
      out[p++] = (byte) error;
    }
    int ffRun = 0;
    for (int i = off; i < off + len; i++) {
      byte b = params[i];
      out[p++] = b;
      if (b == (byte) 0xFD && ffRun >= 2) {
        out[p++] = (byte) 0xFD;
        ffRun = 0;
      } else if (b == (byte) 0xFF) {
        ffRun++;
      } else {
        ffRun = 0;
      }
    }
    int length = p - PREFIX + 2;
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException("packet length " + length + " exceeds " + MAX_LENGTH);
    }
    out[5] = (byte) length;
    out[6] = (byte) (length >>> 8);
    int crc = DynamixelCrc.compute(out, 0, p);
    out[p++] = (byte) crc;
    out[p++] = (byte) (crc >>> 8);
    return p;
  }

  /** Writes {@code value}'s low {@code size} bytes little-endian at {@code b[off..]}. */
  public static void put(byte[] b, int off, long value, int size) {
    for (int i = 0; i < size; i++) {
      b[off + i] = (byte) (value >>> (8 * i));
    }
  }

  /** Reads an unsigned little-endian integer of {@code size} bytes. */
  public static long unsigned(byte[] b, int off, int size) {
    long v = 0;
    for (int i = 0; i < size; i++) {
      v |= (long) (b[off + i] & 0xFF) << (8 * i);
    }
    return v;
  }

  /** Reads a signed little-endian integer of {@code size} (1, 2 or 4) bytes. */
  public static int signed(byte[] b, int off, int size) {
    long v = unsigned(b, off, size);
    int shift = 64 - 8 * size;
    return (int) ((v << shift) >> shift);
  }
}
