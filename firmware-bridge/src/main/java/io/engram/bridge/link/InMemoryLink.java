package io.engram.bridge.link;

/**
 * An in-process duplex link: two ends joined by a pair of bounded byte pipes, for unit tests and
 * for running the emulated arm in the same JVM as the runtime.
 *
 * <p>Either end may {@linkplain #close() close} (both ends then report the link down), and a test
 * may {@linkplain #sever() sever} the link and later {@linkplain #restore() restore} it to model an
 * unplugged cable. A write into a full buffer waits for the peer to read, at most a second, then
 * reports the link down. Neither read nor write allocates.
 */
public final class InMemoryLink implements Link {

  private final String name;
  private final BytePipe in;
  private final BytePipe out;
  private final LinkState state;

  private InMemoryLink(String name, BytePipe in, BytePipe out, LinkState state) {
    this.name = name;
    this.in = in;
    this.out = out;
    this.state = state;
  }

  /** Creates a connected pair of ends, each direction buffering up to {@code capacity} bytes. */
  public static Pair pair(String name, int capacity) {
    BytePipe aToB = new BytePipe(capacity);
    BytePipe bToA = new BytePipe(capacity);
    LinkState state = new LinkState();
    return new Pair(
        new InMemoryLink(name + ":host", bToA, aToB, state),
        new InMemoryLink(name + ":device", aToB, bToA, state));
  }

  /** Creates a connected pair with 64 KiB buffers. */
  public static Pair pair(String name) {
    return pair(name, 1 << 16);
  }

  /** The two ends of an in-memory link: the host (runtime) side and the device (firmware) side. */
  public record Pair(InMemoryLink host, InMemoryLink device) {}

  @Override
  public int read(byte[] buf, int off, int len, long timeoutNanos) throws LinkDownException {
    return in.read(buf, off, len, timeoutNanos, state, name);
  }

  @Override
  public void write(byte[] buf, int off, int len) throws LinkDownException {
    out.write(buf, off, len, state, name);
  }

  @Override
  public void drainInput() {
    in.clear();
  }

  @Override
  public boolean isUp() {
    return state.up();
  }

  @Override
  public String name() {
    return name;
  }

  /** Cuts both directions, as an unplugged cable; bytes in flight are lost. */
  public void sever() {
    synchronized (state) {
      state.severed = true;
    }
    in.clear();
    out.clear();
    in.wake();
    out.wake();
  }

  /** Reconnects a severed link. */
  public void restore() {
    synchronized (state) {
      state.severed = false;
    }
  }

  @Override
  public void close() {
    synchronized (state) {
      state.closed = true;
    }
    in.wake();
    out.wake();
  }

  /** Shared between the two ends. */
  private static final class LinkState {
    boolean closed;
    boolean severed;

    synchronized boolean up() {
      return !closed && !severed;
    }
  }

  /** A bounded single-producer, single-consumer ring buffer with blocking reads. */
  private static final class BytePipe {
    private static final long WRITE_TIMEOUT_NANOS = 1_000_000_000L;
    private final byte[] ring;
    private int head;
    private int size;

    BytePipe(int capacity) {
      ring = new byte[capacity];
    }

    synchronized int read(byte[] buf, int off, int len, long timeoutNanos, LinkState st, String name)
        throws LinkDownException {
      long deadline = System.nanoTime() + timeoutNanos;
      while (size == 0) {
        if (!st.up()) {
          throw new LinkDownException(name + " is down");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return 0;
        }
        try {
          wait(left / 1_000_000L, (int) (left % 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        }
      }
      if (!st.up()) {
        throw new LinkDownException(name + " is down");
      }
      int n = Math.min(len, size);
      for (int i = 0; i < n; i++) {
        buf[off + i] = ring[(head + i) % ring.length];
      }
      head = (head + n) % ring.length;
      size -= n;
      notifyAll();
      return n;
    }

    synchronized void write(byte[] buf, int off, int len, LinkState st, String name)
        throws LinkDownException {
      int done = 0;
      long stuckSince = 0;
      while (done < len) {
        if (!st.up()) {
          throw new LinkDownException(name + " is down");
        }
        if (size == ring.length) {
          long now = System.nanoTime();
          if (stuckSince == 0) {
            stuckSince = now;
          } else if (now - stuckSince > WRITE_TIMEOUT_NANOS) {
            throw new LinkDownException(name + ": the peer has not read for a second");
          }
          try {
            wait(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LinkDownException(name + ": interrupted while writing", e);
          }
          continue;
        }
        int tail = (head + size) % ring.length;
        ring[tail] = buf[off + done];
        size++;
        done++;
      }
      notifyAll();
    }

    synchronized void clear() {
      head = 0;
      size = 0;
      notifyAll();
    }

    synchronized void wake() {
      notifyAll();
    }
  }
}
