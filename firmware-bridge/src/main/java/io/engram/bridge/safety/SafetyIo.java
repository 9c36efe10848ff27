package io.engram.bridge.safety;

/**
 * The board's safety I/O: an emergency-stop input that latches until an explicit reset, a
 * motor-enable output that powers the motor drivers only while everything is healthy, and a status
 * LED. Implementations drive the output low (de-asserted) initially, on {@link #close()} and on JVM
 * shutdown.
 */
public interface SafetyIo extends AutoCloseable {

  /**
   * Samples the e-stop input at {@code nowNanos} and reports whether the e-stop is latched. The
   * control loop calls this once per period; does not allocate.
   */
  boolean estopLatched(long nowNanos);

  /**
   * Clears a latched e-stop if its input is released now.
   *
   * @return whether the e-stop is clear afterwards
   */
  boolean resetEstop(long nowNanos);

  /** Asserts or de-asserts the motor-enable output; asserting is refused while the e-stop is latched. */
  void motorEnable(boolean on);

  /** Whether the motor-enable output is asserted. */
  boolean motorEnabled();

  /** Shows the runtime's state on the status LED (no-op without one). */
  void status(StatusLight light);

  /** De-asserts the motor-enable output and releases the pins. */
  @Override
  void close();
}
