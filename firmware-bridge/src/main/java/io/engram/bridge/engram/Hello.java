package io.engram.bridge.engram;

/** HELLO payload: the message-set version the host speaks. */
public record Hello(int major, int minor) {

  public int encode(byte[] out, int off) {
    out[off] = (byte) major;
    out[off + 1] = (byte) minor;
    out[off + 2] = 0;
    out[off + 3] = 0;
    return EngramProtocol.HELLO_LENGTH;
  }

  public static Hello decode(byte[] buf, int off) {
    return new Hello(buf[off] & 0xFF, buf[off + 1] & 0xFF);
  }
}
