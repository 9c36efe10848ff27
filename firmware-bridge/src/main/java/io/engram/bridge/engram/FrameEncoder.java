package io.engram.bridge.engram;

import java.util.zip.CRC32C;

/**
 * Encodes Engram frames for the wire: header, payload and CRC-32C, COBS-encoded between two 0x00
 * delimiters (the leading one lets a receiver resynchronise after garbage even when the garbage did
 * not end with a delimiter). Not thread-safe; does not allocate.
 */
public final class FrameEncoder {

  private final byte[] raw = new byte[EngramProtocol.MAX_FRAME];
  private final CRC32C crc = new CRC32C();

  /**
   * Encodes one frame into {@code out[outOff..]}, which needs {@link EngramProtocol#MAX_WIRE}
   * bytes of room.
   *
   * @return the number of wire bytes written
   */
  public int encode(
      int type, int seq, long timestampMicros, byte[] payload, int off, int len, byte[] out,
      int outOff) {
    if (len < 0 || len > EngramProtocol.MAX_PAYLOAD) {
      throw new IllegalArgumentException("payload of " + len + " bytes exceeds the frame limit");
    }
    raw[0] = (byte) EngramProtocol.FRAME_VERSION;
    raw[1] = (byte) type;
    Bytes.putU16(raw, 2, seq);
    Bytes.putI32(raw, 4, (int) timestampMicros);
    System.arraycopy(payload, off, raw, EngramProtocol.HEADER_LENGTH, len);
    int body = EngramProtocol.HEADER_LENGTH + len;
    crc.reset();
    crc.update(raw, 0, body);
    Bytes.putI32(raw, body, (int) crc.getValue());
    out[outOff] = 0;
    int n = Cobs.encode(raw, 0, body + EngramProtocol.CRC_LENGTH, out, outOff + 1);
    out[outOff + 1 + n] = 0;
    return n + 2;
  }
}
