package io.engram.bridge.engram;

/**
 * Consistent Overhead Byte Stuffing: encodes any bytes without 0x00, so 0x00 can delimit frames.
 * The encoding adds one byte per started 254 input bytes plus one.
 */
public final class Cobs {

  private Cobs() {}

  /** The largest encoded size of {@code n} input bytes. */
  public static int maxEncodedLength(int n) {
    return n + n / 254 + 1;
  }

  /**
   * Encodes {@code src[off..off+len)} into {@code dst[dstOff..]}, without a delimiter.
   *
   * @return the number of bytes written
   */
  public static int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
    int codeIndex = dstOff;
    int out = dstOff + 1;
    int code = 1;
    for (int i = off; i < off + len; i++) {
      byte b = src[i];
      if (b == 0) {
        dst[codeIndex] = (byte) code;
        codeIndex = out++;
        code = 1;
      } else {
        dst[out++] = b;
        code++;
        if (code == 0xFF) {
          dst[codeIndex] = (byte) code;
          codeIndex = out++;
          code = 1;
        }
      }
    }
    dst[codeIndex] = (byte) code;
    return out - dstOff;
  }

  /**
   * Decodes {@code src[off..off+len)} (one frame, delimiter excluded) into {@code dst[dstOff..]}.
   *
   * @return the number of decoded bytes, or -1 when the input is not valid COBS (a zero byte, a
   *     block running past the end) or would not fit {@code dst}
   */
  public static int decode(byte[] src, int off, int len, byte[] dst, int dstOff) {
    int end = off + len;
    int in = off;
    int out = dstOff;
    while (in < end) {
      int code = src[in++] & 0xFF;
      if (code == 0) {
        return -1;
      }
      int blockEnd = in + code - 1;
      if (blockEnd > end || out + (code - 1) > dst.length) {
        return -1;
      }
      while (in < blockEnd) {
        byte b = src[in++];
        if (b == 0) {
          return -1;
        }
        dst[out++] = b;
      }
      if (code != 0xFF && in < end) {
        if (out >= dst.length) {
          return -1;
        }
        dst[out++] = 0;
      }
    }
    return out - dstOff;
  }
}
