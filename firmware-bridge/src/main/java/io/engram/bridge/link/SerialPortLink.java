package io.engram.bridge.link;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial port opened by path through jSerialComm: a USB adapter, a UART, or a pseudo-terminal
 * (and symlinks to any of them, as socat and udev create).
 *
 * <p>Reads wait for at most the given timeout (to within {@link #POLL_NANOS}). When the device vanishes (unplugged adapter, closed
 * pty master) the next read or write throws {@link LinkDownException}; later calls try to reopen the
 * same path, no more often than an exponential backoff allows (from {@code minBackoff} doubling to
 * {@code maxBackoff}), and throw {@link LinkDownException} at once between attempts, so a control
 * loop never blocks on a missing port.
 */
public final class SerialPortLink implements Link {

  private static final Logger LOG = LoggerFactory.getLogger(SerialPortLink.class);

  /** How often a waiting read polls the port. */
  public static final long POLL_NANOS = 50_000L;

  private static final int WRITE_TIMEOUT_MS = 1000;

  private final String path;
  private final int baudRate;
  private final long minBackoffNanos;
  private final long maxBackoffNanos;

  private volatile SerialPort port;
  private final byte[] drain = new byte[256];
  private boolean closed;
  private long backoffNanos;
  private long nextAttemptNanos;
  private long reopenCount;

  /**
   * Opens {@code path} at {@code baudRate} 8N1 without flow control.
   *
   * @throws LinkDownException when the port cannot be opened now
   */
  public SerialPortLink(String path, int baudRate, long minBackoffMillis, long maxBackoffMillis)
      throws LinkDownException {
    if (minBackoffMillis <= 0 || maxBackoffMillis < minBackoffMillis) {
      throw new IllegalArgumentException(
          "backoff must satisfy 0 < min <= max, got " + minBackoffMillis + ", " + maxBackoffMillis);
    }
    this.path = path;
    this.baudRate = baudRate;
    this.minBackoffNanos = TimeUnit.MILLISECONDS.toNanos(minBackoffMillis);
    this.maxBackoffNanos = TimeUnit.MILLISECONDS.toNanos(maxBackoffMillis);
    this.backoffNanos = minBackoffNanos;
    if (!tryOpen()) {
      throw new LinkDownException("cannot open serial port " + path + describeMissing());
    }
  }

  /** Opens {@code path} with a backoff from 20 ms to 2 s. */
  public SerialPortLink(String path, int baudRate) throws LinkDownException {
    this(path, baudRate, 20, 2000);
  }

  private String describeMissing() {
    return Files.exists(Path.of(path)) ? "" : " (no such file)";
  }

  private synchronized boolean tryOpen() {
    if (!Files.exists(Path.of(path))) {
      return false;
    }
    SerialPort p;
    try {
      p = SerialPort.getCommPort(path);
    } catch (RuntimeException e) {
      LOG.debug("serial port {} not available: {}", path, e.toString());
      return false;
    }
    p.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    if (!p.openPort(0)) {
      LOG.debug("serial port {} did not open (error {})", path, p.getLastErrorCode());
      return false;
    }
    p.setComPortTimeouts(SerialPort.TIMEOUT_NONBLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 0,
        WRITE_TIMEOUT_MS);
    port = p;
    backoffNanos = minBackoffNanos;
    return true;
  }

  private SerialPort requireUp() throws LinkDownException {
    SerialPort p = port;
    if (p != null) {
      return p;
    }
    synchronized (this) {
      if (closed) {
        throw new LinkDownException(path + " is closed");
      }
      if (port != null) {
        return port;
      }
      long now = System.nanoTime();
      if (now - nextAttemptNanos < 0) {
        throw new LinkDownException(path + " is down");
      }
      if (tryOpen()) {
        reopenCount++;
        LOG.info("serial port {} reopened", path);
        return port;
      }
      nextAttemptNanos = now + backoffNanos;
      backoffNanos = Math.min(maxBackoffNanos, backoffNanos * 2);
      throw new LinkDownException(path + " is down" + describeMissing());
    }
  }

  private synchronized LinkDownException lost(SerialPort p, String what) {
    if (port == p && p != null) {
      LOG.warn("serial port {} lost during {} (error {})", path, what, p.getLastErrorCode());
      p.closePort();
      port = null;
      nextAttemptNanos = System.nanoTime() + backoffNanos;
    }
    return new LinkDownException(path + " vanished during " + what);
  }

  /**
   * {@inheritDoc}
   *
   * <p>jSerialComm's own read timeouts have a granularity of 100 ms on Linux (the termios VTIME
   * field), far too coarse for a control loop, so the port stays non-blocking and this method
   * polls it every {@link #POLL_NANOS} until data arrives or the timeout elapses.
   */
  @Override
  public int read(byte[] buf, int off, int len, long timeoutNanos) throws LinkDownException {
    SerialPort p = requireUp();
    long deadline = System.nanoTime() + timeoutNanos;
    while (true) {
      int n = off == 0 ? p.readBytes(buf, len) : p.readBytes(buf, len, off);
      if (n < 0) {
        throw lost(p, "read");
      }
      if (n > 0) {
        return n;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        if (!Files.exists(Path.of(path))) {
          throw lost(p, "read");
        }
        return 0;
      }
      LockSupport.parkNanos(Math.min(left, POLL_NANOS));
    }
  }

  @Override
  public void write(byte[] buf, int off, int len) throws LinkDownException {
    SerialPort p = requireUp();
    int done = 0;
    while (done < len) {
      int n = p.writeBytes(buf, len - done, off + done);
      if (n <= 0) {
        throw lost(p, "write");
      }
      done += n;
    }
  }

  /**
   * Reads and discards what has arrived. (jSerialComm's {@code flushIOBuffers} would also discard
   * output not yet sent, such as a motor command written just before.)
   */
  @Override
  public void drainInput() {
    SerialPort p = port;
    if (p != null) {
      while (p.readBytes(drain, drain.length) > 0) {
        // discard
      }
    }
  }

  @Override
  public boolean isUp() {
    return port != null;
  }

  /** How many times the port was reopened after it vanished. */
  public synchronized long reopenCount() {
    return reopenCount;
  }

  @Override
  public String name() {
    return path;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (port != null) {
      port.closePort();
      port = null;
    }
  }
}
