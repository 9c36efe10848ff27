package io.engram.bridge.engram;

/**
 * HELLO_REPLY payload: the firmware's message-set version, joint count, firmware version and the
 * command watchdog after which it disables the motors on its own.
 */
public record HelloReply(int major, int minor, int jointCount, int firmwareVersion, int watchdogMillis) {

  public int encode(byte[] out, int off) {
    out[off] = (byte) major;
    out[off + 1] = (byte) minor;
    out[off + 2] = (byte) jointCount;
    out[off + 3] = 0;
    Bytes.putU16(out, off + 4, firmwareVersion);
    Bytes.putU16(out, off + 6, watchdogMillis);
    return EngramProtocol.HELLO_REPLY_LENGTH;
  }

  public static HelloReply decode(byte[] buf, int off) {
    return new HelloReply(
        buf[off] & 0xFF,
        buf[off + 1] & 0xFF,
        buf[off + 2] & 0xFF,
        Bytes.u16(buf, off + 4),
        Bytes.u16(buf, off + 6));
  }
}
