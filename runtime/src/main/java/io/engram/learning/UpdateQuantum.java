package io.engram.learning;

/**
 * Rounds weight updates to multiples of a quantum, half to even (as NumPy's {@code round}): the
 * resolution at which a crossbar reprograms devices. A quantum of 0 leaves updates exact.
 */
public record UpdateQuantum(double step) {

  /** No rounding. */
  public static final UpdateQuantum EXACT = new UpdateQuantum(0.0);

  public UpdateQuantum {
    if (!(step >= 0) || Double.isInfinite(step)) {
      throw new IllegalArgumentException("update quantum must be >= 0 and finite, got " + step);
    }
  }

  public boolean isExact() {
    return step == 0.0;
  }

  /** Rounds one value. */
  public double round(double delta) {
    return isExact() ? delta : Math.rint(delta / step) * step;
  }

  /** Rounds every value in place. */
  public void roundInPlace(double[] delta) {
    if (isExact()) {
      return;
    }
    for (int i = 0; i < delta.length; i++) {
      delta[i] = Math.rint(delta[i] / step) * step;
    }
  }
}
