package io.engram.bridge.safety;

/**
 * Debounce and latch logic of the e-stop input, independent of where the samples come from: an
 * assertion that holds for at least the debounce time latches the e-stop, and it stays latched
 * until {@link #reset} is called while the input is released. Shorter glitches are ignored. Not
 * thread-safe on its own; callers synchronise.
 */
public final class EstopLatch {

  private final long debounceNanos;
  private boolean asserted;
  private long assertedSince;
  private boolean latched;
  private long glitches;

  public EstopLatch(long debounceNanos) {
    if (debounceNanos < 0) {
      throw new IllegalArgumentException("debounce must not be negative");
    }
    this.debounceNanos = debounceNanos;
  }

  /** Feeds the input's level at {@code nowNanos} (an edge or a poll); returns whether latched. */
  public boolean sample(boolean assertedNow, long nowNanos) {
    if (assertedNow && !asserted) {
      assertedSince = nowNanos;
    } else if (!assertedNow && asserted && !latched) {
      if (nowNanos - assertedSince >= debounceNanos) {
        latched = true; // held long enough between two samples
      } else {
        glitches++;
      }
    }
    asserted = assertedNow;
    if (asserted && nowNanos - assertedSince >= debounceNanos) {
      latched = true;
    }
    return latched;
  }

  public boolean latched() {
    return latched;
  }

  /** Clears the latch if the input is released; returns whether it is clear. */
  public boolean reset() {
    if (!asserted) {
      latched = false;
    }
    return !latched;
  }

  /** Assertions shorter than the debounce time that were ignored. */
  public long glitches() {
    return glitches;
  }
}
