package io.engram.bridge.engram;

/**
 * A decoded Engram frame, as a reusable view: the decoder overwrites it for every frame, so a
 * handler must copy what it keeps.
 */
public final class Frame {
  int type;
  int seq;
  long timestampMicros;
  final byte[] buf = new byte[EngramProtocol.MAX_FRAME];
  int payloadLength;

  public int type() {
    return type;
  }

  /** The sender's 16-bit sequence number. */
  public int seq() {
    return seq;
  }

  /** The sender's clock at sending, microseconds modulo 2^32. */
  public long timestampMicros() {
    return timestampMicros;
  }

  /** The buffer holding the payload from {@link #payloadOffset()}. */
  public byte[] payload() {
    return buf;
  }

  public int payloadOffset() {
    return EngramProtocol.HEADER_LENGTH;
  }

  public int payloadLength() {
    return payloadLength;
  }

  @Override
  public String toString() {
    return EngramProtocol.typeName(type) + " seq=" + seq + " t=" + timestampMicros + "us len="
        + payloadLength;
  }
}
