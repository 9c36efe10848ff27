package io.engram.bridge.dynamixel;

/**
 * The CRC-16 of Dynamixel Protocol 2.0: polynomial 0x8005, initial value 0, no reflection, no
 * final xor (the CRC-16/BUYPASS parameters; check value 0xFEE8).
 */
public final class DynamixelCrc {

  private static final int[] TABLE = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int c = i << 8;
      for (int k = 0; k < 8; k++) {
        c = (c & 0x8000) != 0 ? (c << 1) ^ 0x8005 : c << 1;
      }
      TABLE[i] = c & 0xFFFF;
    }
  }

  private DynamixelCrc() {}

  /** The CRC of {@code buf[off..off+len)}. */
  public static int compute(byte[] buf, int off, int len) {
    int crc = 0;
    for (int i = off; i < off + len; i++) {
      crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ buf[i]) & 0xFF]) & 0xFFFF;
    }
    return crc;
  }
}
