package io.engram.bridge.dynamixel;

import io.engram.bridge.link.Link;
import io.engram.bridge.link.LinkDownException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bus master of Dynamixel Protocol 2.0 over a {@link Link}: one transaction at a time, each
 * waiting at most a configurable timeout for its status packets (the vendor SDK's fixed 32 ms of
 * USB latency slack would not fit a fast control loop; ptys and low-latency adapters answer in well
 * under a millisecond). SYNC_READ and SYNC_WRITE do not allocate. Not thread-safe.
 */
public final class DynamixelMaster {

  private final Link link;
  private long timeoutNanos;
  private final DynamixelDecoder decoder = new DynamixelDecoder();
  private final byte[] tx = new byte[DynamixelCodec.MAX_PACKET + DynamixelCodec.MAX_PACKET / 3];
  private final byte[] params = new byte[DynamixelCodec.MAX_LENGTH];
  private final byte[] rx = new byte[512];
  private final DynamixelDecoder.Handler collector = this::collect;

  // State of the transaction in progress, written by collect().
  private int expectId;
  private int[] expectIds;
  private int expectCount;
  private int expectLength;
  private byte[] into;
  private int[] errors;
  private boolean[] received;
  private int receivedCount;
  private int replyError;
  private int replyLength;
  private List<PingReply> pings;

  private long timeouts;

  /** A master on {@code link} whose transactions wait at most {@code timeoutNanos}. */
  public DynamixelMaster(Link link, long timeoutNanos) {
    this.link = link;
    timeout(timeoutNanos);
  }

  public void timeout(long nanos) {
    if (nanos <= 0) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    this.timeoutNanos = nanos;
  }

  public long timeoutNanos() {
    return timeoutNanos;
  }

  public Link link() {
    return link;
  }

  public DynamixelDecoder decoder() {
    return decoder;
  }

  /** Transactions that ended without every expected reply. */
  public long timeouts() {
    return timeouts;
  }

  /** Pings one id. */
  public PingReply ping(int id) throws DynamixelException, LinkDownException {
    byte[] out = new byte[3];
    int n = transact(id, Instruction.PING, 0, out, 3, "PING");
    if (n < 3) {
      throw new DynamixelException("id " + id + " answered PING with " + n + " parameter bytes");
    }
    return new PingReply(id, (int) DynamixelCodec.unsigned(out, 0, 2), out[2] & 0xFF);
  }

  /** Pings the broadcast id and collects every answer that arrives within the timeout. */
  public List<PingReply> broadcastPing() throws LinkDownException {
    List<PingReply> found = new ArrayList<>();
    pings = found;
    try {
      begin(Instruction.BROADCAST_ID, null);
      send(Instruction.BROADCAST_ID, Instruction.PING, 0);
      long deadline = System.nanoTime() + timeoutNanos;
      long left;
      while ((left = deadline - System.nanoTime()) > 0) {
        pump(left);
      }
    } finally {
      pings = null;
    }
    found.sort((a, b) -> Integer.compare(a.id(), b.id()));
    return found;
  }

  /**
   * Reads {@code length} bytes at {@code address} of device {@code id} into {@code out}.
   *
   * @return the number of bytes received
   */
  public int read(int id, int address, int length, byte[] out)
      throws DynamixelException, LinkDownException {
    DynamixelCodec.put(params, 0, address, 2);
    DynamixelCodec.put(params, 2, length, 2);
    return transact(id, Instruction.READ, 4, out, length, "READ");
  }

  /** Reads an unsigned register of {@code size} bytes. */
  public long readUnsigned(int id, int address, int size)
      throws DynamixelException, LinkDownException {
    byte[] out = new byte[size];
    int n = read(id, address, size, out);
    if (n != size) {
      throw new DynamixelException("id " + id + " returned " + n + " bytes for a " + size
          + "-byte read at " + address);
    }
    return DynamixelCodec.unsigned(out, 0, size);
  }

  /** Writes {@code data[off..off+len)} at {@code address}; a broadcast write gets no reply. */
  public void write(int id, int address, byte[] data, int off, int len)
      throws DynamixelException, LinkDownException {
    DynamixelCodec.put(params, 0, address, 2);
    System.arraycopy(data, off, params, 2, len);
    transact(id, Instruction.WRITE, 2 + len, null, 0, "WRITE");
  }

  /** Writes the low {@code size} bytes of {@code value} at {@code address}. */
  public void write(int id, int address, long value, int size)
      throws DynamixelException, LinkDownException {
    byte[] data = new byte[size];
    DynamixelCodec.put(data, 0, value, size);
    write(id, address, data, 0, size);
  }

  /** Switches a device's torque on or off (address 64). */
  public void torqueEnable(int id, boolean on) throws DynamixelException, LinkDownException {
    write(id, ControlTable.TORQUE_ENABLE, on ? 1 : 0, 1);
  }

  /** Reboots a device; it answers before it restarts. */
  public void reboot(int id) throws DynamixelException, LinkDownException {
    transact(id, Instruction.REBOOT, 0, null, 0, "REBOOT");
  }

  /**
   * SYNC_READ of {@code length} bytes at {@code address} from {@code ids[0..count)}: device k's
   * bytes land in {@code out[k*length..]}, its ERR byte in {@code errBytes[k]}, and {@code
   * got[k]} says whether it answered in time. Does not allocate.
   *
   * @return the number of devices that answered
   */
  public int syncRead(int address, int length, int[] ids, int count, byte[] out, int[] errBytes,
      boolean[] got) throws LinkDownException {
    DynamixelCodec.put(params, 0, address, 2);
    DynamixelCodec.put(params, 2, length, 2);
    for (int k = 0; k < count; k++) {
      params[4 + k] = (byte) ids[k];
      got[k] = false;
      errBytes[k] = 0;
    }
    begin(-1, out);
    expectIds = ids;
    expectCount = count;
    expectLength = length;
    errors = errBytes;
    received = got;
    receivedCount = 0;
    try {
      send(Instruction.BROADCAST_ID, Instruction.SYNC_READ, 4 + count);
      long deadline = System.nanoTime() + timeoutNanos;
      long left;
      while (receivedCount < count && (left = deadline - System.nanoTime()) > 0) {
        pump(left);
      }
      if (receivedCount < count) {
        timeouts++;
      }
      return receivedCount;
    } finally {
      expectIds = null;
      into = null;
      errors = null;
      received = null;
    }
  }

  /**
   * SYNC_WRITE of one {@code size}-byte value per device: {@code values[k]} to {@code ids[k]} at
   * {@code address}. Nothing answers a SYNC_WRITE. Does not allocate.
   */
  public void syncWrite(int address, int size, int[] ids, int count, int[] values)
      throws LinkDownException {
    DynamixelCodec.put(params, 0, address, 2);
    DynamixelCodec.put(params, 2, size, 2);
    int p = 4;
    for (int k = 0; k < count; k++) {
      params[p++] = (byte) ids[k];
      DynamixelCodec.put(params, p, values[k], size);
      p += size;
    }
    send(Instruction.BROADCAST_ID, Instruction.SYNC_WRITE, p);
  }

  /**
   * Sends an instruction whose parameters are already in {@code params}, first discarding whatever
   * arrived unasked (late answers to earlier transactions), as the vendor SDK clears the port.
   */
  private void send(int id, int instruction, int paramLength) throws LinkDownException {
    link.drainInput();
    decoder.reset();
    int n = DynamixelCodec.instruction(id, instruction, params, 0, paramLength, tx);
    link.write(tx, 0, n);
  }

  private void begin(int id, byte[] out) {
    expectId = id;
    into = out;
    replyError = -1;
    replyLength = 0;
  }

  /**
   * One request to one device and its one status packet, which must carry {@code replyLength}
   * parameters (or none, with an error): a status packet of another length is a late answer to an
   * earlier transaction and is ignored. Returns the reply's parameter count.
   */
  private int transact(int id, int instruction, int paramLength, byte[] out, int replyLength,
      String what) throws DynamixelException, LinkDownException {
    begin(id, out);
    expectLength = replyLength;
    send(id, instruction, paramLength);
    if (id == Instruction.BROADCAST_ID) {
      return 0;
    }
    long deadline = System.nanoTime() + timeoutNanos;
    long left;
    try {
      while (replyError < 0 && (left = deadline - System.nanoTime()) > 0) {
        pump(left);
      }
    } finally {
      into = null;
    }
    if (replyError < 0) {
      timeouts++;
      throw new DynamixelTimeoutException(id, what);
    }
    if (StatusError.of(replyError) != StatusError.NONE) {
      throw new DynamixelStatusException(id, replyError, what);
    }
    return replyLength;
  }

  private void pump(long timeoutNanos) throws LinkDownException {
    int n = link.read(rx, 0, rx.length, timeoutNanos);
    if (n > 0) {
      decoder.feed(rx, 0, n, collector);
    }
  }

  /**
   * Whether a status packet can answer the transaction in progress: Protocol 2.0 has no sequence
   * numbers, so a reply that arrives after its transaction timed out is told apart by its length.
   */
  private boolean answers(DynamixelPacket p) {
    return p.paramLength() == expectLength
        || (p.paramLength() == 0 && StatusError.of(p.error()) != StatusError.NONE);
  }

  private void collect(DynamixelPacket p) {
    if (!p.isStatus()) {
      return; // an echo of our own instruction on a half-duplex bus, or another master's
    }
    if (pings != null) {
      if (p.paramLength() >= 3) {
        pings.add(new PingReply(p.id(), (int) p.unsigned(0, 2), p.params()[2] & 0xFF));
      }
      return;
    }
    if (!answers(p)) {
      return; // a late answer to an earlier transaction
    }
    if (expectIds != null) {
      for (int k = 0; k < expectCount; k++) {
        if (expectIds[k] == p.id() && !received[k]) {
          received[k] = true;
          receivedCount++;
          errors[k] = p.error();
          System.arraycopy(p.params(), 0, into, k * expectLength, p.paramLength());
          return;
        }
      }
      return;
    }
    if (p.id() != expectId || replyError >= 0) {
      return;
    }
    replyError = p.error();
    replyLength = p.paramLength();
    if (into != null) {
      int n = Math.min(into.length, p.paramLength());
      System.arraycopy(p.params(), 0, into, 0, n);
      replyLength = n;
    }
  }
}
