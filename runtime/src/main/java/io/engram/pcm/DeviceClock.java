package io.engram.pcm;

/**
 * The explicit clock that ages devices, in seconds. Nothing reads wall time: a device's age is
 * {@code now() - (the clock's reading when it was programmed)}, so a test ages an array by a day
 * with {@code advance(86_400)} and no waiting. Not thread-safe; one clock per array (or per set of
 * arrays that age together).
 */
public final class DeviceClock {

  private double now;

  /** A clock reading 0 s. */
  public DeviceClock() {}

  /** The current reading, in seconds. */
  public double now() {
    return now;
  }

  /** Moves the clock forward by {@code seconds}. */
  public void advance(double seconds) {
    if (!(seconds >= 0) || !Double.isFinite(seconds)) {
      throw new IllegalArgumentException("a clock only moves forward, got " + seconds + " s");
    }
    now += seconds;
  }
}
