package io.engram.bridge.dynamixel;

/**
 * A streaming decoder of Dynamixel 2.0 packets. Feed it any bytes; it finds headers, checks the
 * length and the CRC-16, removes byte stuffing and calls the handler for each valid packet. A
 * packet that fails is counted and the search resumes one byte after its header, so a real packet
 * hidden behind a false header is still found. Never throws on input. Not thread-safe; does not
 * allocate.
 */
public final class DynamixelDecoder {

  /** Receives decoded packets; the packet is a view reused for the next one. */
  @FunctionalInterface
  public interface Handler {
    void onPacket(DynamixelPacket packet);
  }

  private final byte[] buf = new byte[DynamixelCodec.MAX_PACKET * 2];
  private int start;
  private int end;
  private final DynamixelPacket packet = new DynamixelPacket();

  private long packets;
  private long crcErrors;
  private long lengthErrors;
  private long discardedBytes;

  /** Consumes {@code data[off..off+len)}, calling {@code handler} for each valid packet. */
  public void feed(byte[] data, int off, int len, Handler handler) {
    while (len > 0) {
      if (end == buf.length) {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
      }
      int n = Math.min(len, buf.length - end);
      System.arraycopy(data, off, buf, end, n);
      end += n;
      off += n;
      len -= n;
      process(handler);
    }
  }

  private void process(Handler handler) {
    while (true) {
      int h = findHeader();
      discardedBytes += h - start;
      start = h;
      int avail = end - start;
      if (avail < DynamixelCodec.PREFIX) {
        return;
      }
      int length = (buf[start + 5] & 0xFF) | (buf[start + 6] & 0xFF) << 8;
      if (length < 3 || length > DynamixelCodec.MAX_LENGTH) {
        lengthErrors++;
        skipOne();
        continue;
      }
      int total = DynamixelCodec.PREFIX + length;
      if (avail < total) {
        if (start > 0 && end == buf.length) {
          System.arraycopy(buf, start, buf, 0, avail);
          end = avail;
          start = 0;
        }
        return;
      }
      int crc = DynamixelCrc.compute(buf, start, total - 2);
      int got = (buf[start + total - 2] & 0xFF) | (buf[start + total - 1] & 0xFF) << 8;
      if (crc != got) {
        crcErrors++;
        skipOne();
        continue;
      }
      if (!unstuff(start + DynamixelCodec.PREFIX, length - 2)) {
        lengthErrors++;
        skipOne();
        continue;
      }
      start += total;
      packets++;
      handler.onPacket(packet);
    }
  }

  private void skipOne() {
    start++;
    discardedBytes++;
  }

  /** The index of the first full or partial header at or after {@code start}. */
  private int findHeader() {
    int i = start;
    while (i < end) {
      if (buf[i] == (byte) 0xFF
          && (i + 1 >= end || buf[i + 1] == (byte) 0xFF)
          && (i + 2 >= end || buf[i + 2] == (byte) 0xFD)
          && (i + 3 >= end || buf[i + 3] == 0)) {
        return i;
      }
      i++;
    }
    return end;
  }

  private boolean unstuff(int from, int len) {
    byte[] out = packet.params;
    int instruction = buf[from] & 0xFF;
    int i = from + 1;
    int limit = from + len;
    int error = 0;
    if (instruction == Instruction.STATUS) {
      if (len < 2) {
        return false;
      }
      error = buf[i++] & 0xFF;
    }
    int o = 0;
    int ffRun = 0;
    boolean skip = false;
    for (; i < limit; i++) {
      byte b = buf[i];
      if (skip) {
        skip = false;
        if (b == (byte) 0xFD) {
          continue;
        }
      }
      out[o++] = b;
      if (b == (byte) 0xFD && ffRun >= 2) {
        skip = true;
        ffRun = 0;
      } else if (b == (byte) 0xFF) {
        ffRun++;
      } else {
        ffRun = 0;
      }
    }
    packet.id = buf[from - 3] & 0xFF;
    packet.instruction = instruction;
    packet.error = error;
    packet.paramLength = o;
    return true;
  }

  /** Packets delivered to the handler. */
  public long packets() {
    return packets;
  }

  public long crcErrors() {
    return crcErrors;
  }

  /** Packets dropped for a LEN field out of range or too short for their instruction. */
  public long lengthErrors() {
    return lengthErrors;
  }

  public long dropped() {
    return crcErrors + lengthErrors;
  }

  /** Bytes that belonged to no delivered packet. */
  public long discardedBytes() {
    return discardedBytes;
  }

  /** Forgets buffered bytes, as after a reconnect. */
  public void reset() {
    start = 0;
    end = 0;
  }
}
