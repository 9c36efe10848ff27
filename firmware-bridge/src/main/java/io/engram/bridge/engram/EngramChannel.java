package io.engram.bridge.engram;

import io.engram.bridge.link.Link;
import io.engram.bridge.link.LinkDownException;

/**
 * One end of an Engram protocol conversation over a {@link Link}: numbers and timestamps outgoing
 * frames, decodes incoming bytes, and counts sequence gaps (frames the peer sent that never
 * arrived intact). Used by the host and by the emulated firmware alike. Not thread-safe; the steady
 * state does not allocate.
 */
public final class EngramChannel {

  private final Link link;
  private final FrameEncoder encoder = new FrameEncoder();
  private final FrameDecoder decoder = new FrameDecoder();
  private final byte[] wire = new byte[EngramProtocol.MAX_WIRE];
  private final byte[] payload = new byte[EngramProtocol.MAX_PAYLOAD];
  private final byte[] rx = new byte[512];
  private final long epochNanos = System.nanoTime();
  private final FrameDecoder.Handler tracker = this::track;

  private int txSeq;
  private int lastRxSeq = -1;
  private long rxSeqGaps;
  private FrameDecoder.Handler target;

  public EngramChannel(Link link) {
    this.link = link;
  }

  public Link link() {
    return link;
  }

  /** Scratch space for building a payload before {@link #send}. */
  public byte[] payloadBuffer() {
    return payload;
  }

  /** Microseconds since this channel was created, modulo 2^32: the frames' timestamp clock. */
  public long nowMicros() {
    return ((System.nanoTime() - epochNanos) / 1000L) & 0xFFFF_FFFFL;
  }

  /**
   * Sends a frame of {@code type} whose payload is {@code payloadBuffer()[0..len)}.
   *
   * @return the sequence number it carried
   */
  public int send(int type, int len) throws LinkDownException {
    return send(type, payload, len);
  }

  /** Sends a frame of {@code type} with the payload {@code data[0..len)}; returns its sequence. */
  public int send(int type, byte[] data, int len) throws LinkDownException {
    int seq = txSeq;
    txSeq = (txSeq + 1) & 0xFFFF;
    int n = encoder.encode(type, seq, nowMicros(), data, 0, len, wire, 0);
    link.write(wire, 0, n);
    return seq;
  }

  /**
   * Waits up to {@code timeoutNanos} for bytes, decodes what arrived and calls {@code handler} for
   * each valid frame.
   *
   * @return the number of bytes read (0 on timeout)
   */
  public int poll(long timeoutNanos, FrameDecoder.Handler handler) throws LinkDownException {
    int n = link.read(rx, 0, rx.length, timeoutNanos);
    if (n > 0) {
      target = handler;
      try {
        decoder.feed(rx, 0, n, tracker);
      } finally {
        target = null;
      }
    }
    return n;
  }

  private void track(Frame f) {
    if (lastRxSeq >= 0) {
      int gap = (f.seq() - lastRxSeq - 1) & 0xFFFF;
      if (gap < 0x8000) {
        rxSeqGaps += gap;
      }
    }
    lastRxSeq = f.seq();
    target.onFrame(f);
  }

  /** Forgets the peer's last sequence number, as after a reconnect. */
  public void resetPeer() {
    lastRxSeq = -1;
  }

  public FrameDecoder decoder() {
    return decoder;
  }

  /** Frames the peer numbered that did not arrive intact (estimated from sequence gaps). */
  public long rxSeqGaps() {
    return rxSeqGaps;
  }
}
