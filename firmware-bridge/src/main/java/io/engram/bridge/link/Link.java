package io.engram.bridge.link;

import java.io.Closeable;

/**
 * A byte-oriented duplex link to an arm's controller: a serial port, a pseudo-terminal or an
 * in-memory pipe. Reads block for at most the given timeout; a link whose far end vanished throws
 * {@link LinkDownException} instead of blocking.
 *
 * <p>Implementations do not allocate in {@link #read} or {@link #write}, so a control loop can use
 * them in its steady state.
 */
public interface Link extends Closeable {

  /**
   * Reads up to {@code len} bytes into {@code buf[off..]}, waiting at most {@code timeoutNanos}
   * for the first byte.
   *
   * @return the number of bytes read, 0 when the timeout elapsed with nothing to read
   * @throws LinkDownException when the link is closed or its device vanished
   */
  int read(byte[] buf, int off, int len, long timeoutNanos) throws LinkDownException;

  /**
   * Writes {@code len} bytes from {@code buf[off..]} completely.
   *
   * @throws LinkDownException when the link is closed or its device vanished
   */
  void write(byte[] buf, int off, int len) throws LinkDownException;

  /** Discards bytes received but not yet read. */
  void drainInput();

  /** Whether the link can currently carry bytes. */
  boolean isUp();

  /** A short human-readable name: the port path, or the pipe's name. */
  String name();

  /** Closes the link; later reads and writes throw {@link LinkDownException}. Idempotent. */
  @Override
  void close();
}
