package io.engram.bridge.engram;

/** Little-endian field access for the Engram wire format. */
final class Bytes {
  private Bytes() {}

  static void putU16(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
  }

  static void putI32(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  static int u16(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
  }

  static short i16(byte[] b, int off) {
    return (short) u16(b, off);
  }

  static int i32(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | b[off + 3] << 24;
  }

  static long u32(byte[] b, int off) {
    return i32(b, off) & 0xFFFF_FFFFL;
  }
}
