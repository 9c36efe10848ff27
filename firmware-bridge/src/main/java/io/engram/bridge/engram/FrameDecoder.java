package io.engram.bridge.engram;

import java.util.zip.CRC32C;

/**
 * A streaming decoder of Engram frames. Feed it any bytes; it calls the handler for every frame
 * that passes COBS decoding, the CRC-32C check, the version check and its message type's length
 * check. Whatever fails is counted and dropped; the decoder never throws on input and
 * resynchronises at the next 0x00 delimiter. Not thread-safe; does not allocate.
 */
public final class FrameDecoder {

  /** Receives decoded frames; the frame is a view reused for the next one. */
  @FunctionalInterface
  public interface Handler {
    void onFrame(Frame frame);
  }

  private final byte[] acc = new byte[EngramProtocol.MAX_WIRE];
  private int accLength;
  private boolean overflow;
  private final Frame frame = new Frame();
  private final CRC32C crc = new CRC32C();

  private long frames;
  private long crcErrors;
  private long lengthErrors;
  private long versionErrors;
  private long unknownTypes;
  private long discardedBytes;

  /** Consumes {@code buf[off..off+len)}, calling {@code handler} for each valid frame. */
  public void feed(byte[] buf, int off, int len, Handler handler) {
    for (int i = off; i < off + len; i++) {
      byte b = buf[i];
      if (b != 0) {
        if (accLength < acc.length) {
          acc[accLength++] = b;
        } else {
          if (!overflow) {
            overflow = true;
            lengthErrors++;
          }
          discardedBytes++;
        }
        continue;
      }
      if (overflow) {
        discardedBytes += accLength;
        overflow = false;
      } else if (accLength > 0) {
        decodeOne(handler);
      }
      accLength = 0;
    }
  }

  private void decodeOne(Handler handler) {
    int n = Cobs.decode(acc, 0, accLength, frame.buf, 0);
    if (n < EngramProtocol.HEADER_LENGTH + EngramProtocol.CRC_LENGTH) {
      lengthErrors++;
      discardedBytes += accLength;
      return;
    }
    int body = n - EngramProtocol.CRC_LENGTH;
    crc.reset();
    crc.update(frame.buf, 0, body);
    if ((int) crc.getValue() != Bytes.i32(frame.buf, body)) {
      crcErrors++;
      discardedBytes += accLength;
      return;
    }
    if ((frame.buf[0] & 0xFF) != EngramProtocol.FRAME_VERSION) {
      versionErrors++;
      discardedBytes += accLength;
      return;
    }
    int type = frame.buf[1] & 0xFF;
    int payloadLength = body - EngramProtocol.HEADER_LENGTH;
    if (!EngramProtocol.validPayload(type, payloadLength)) {
      if (EngramProtocol.isKnownType(type)) {
        lengthErrors++;
      } else {
        unknownTypes++;
      }
      discardedBytes += accLength;
      return;
    }
    frame.type = type;
    frame.seq = Bytes.u16(frame.buf, 2);
    frame.timestampMicros = Bytes.u32(frame.buf, 4);
    frame.payloadLength = payloadLength;
    frames++;
    handler.onFrame(frame);
  }

  /** Frames delivered to the handler. */
  public long frames() {
    return frames;
  }

  /** Frames dropped because their CRC-32C did not match. */
  public long crcErrors() {
    return crcErrors;
  }

  /** Frames dropped for a bad COBS encoding, a size out of range or a payload of the wrong length. */
  public long lengthErrors() {
    return lengthErrors;
  }

  /** Frames dropped for an unknown frame version. */
  public long versionErrors() {
    return versionErrors;
  }

  /** Frames dropped for an unknown message type. */
  public long unknownTypes() {
    return unknownTypes;
  }

  /** All frames dropped, whatever the reason. */
  public long dropped() {
    return crcErrors + lengthErrors + versionErrors + unknownTypes;
  }

  /** Bytes that belonged to no delivered frame. */
  public long discardedBytes() {
    return discardedBytes;
  }
}
