package io.engram.telemetry;

/**
 * Where the runtime reports what it does. Every method returns at once and never throws: an
 * implementation that cannot keep up drops and counts. {@link #joints} is called by the control
 * loop every period and must not allocate; the others are called by the session between trials.
 */
public interface TelemetrySink {

  /** A sink that discards everything. */
  TelemetrySink NONE = new TelemetrySink() {};

  /**
   * One joint sample of the control loop: measured positions (rad), velocities (rad/s) and the
   * commanded velocities (rad/s), one value per joint, at {@code nanos} ({@link System#nanoTime}).
   * The arrays are copied before returning.
   */
  default void joints(long nanos, double[] position, double[] velocity, double[] command) {}

  /** The runtime's state changed; {@code detail} says why (may be empty). */
  default void state(RuntimeState state, String detail) {}

  /** Lets the publisher pull the loop's timing at the statistics rate; null stops it. */
  default void loopStats(LoopStatsSource source) {}

  /** Firing rates of a trial. */
  default void network(NetworkActivity activity) {}

  /** The outcome of an adaptation. */
  default void learning(LearningReport report) {}

  /** The crossbar's compensation factors and faults. */
  default void crossbar(CrossbarHealth health) {}
}
