package io.engram.crossbar;

/**
 * The column ADC in integer arithmetic: a column accumulator (DAC code times conductance code,
 * summed) becomes a signed code {@code round_half_even(acc * adcMax / fullScale)}, clipped to
 * [-adcMax, adcMax]. With an ideal ADC the accumulator passes through unchanged.
 *
 * <p>The quotient is taken in double precision when that is exact: with {@code |acc * adcMax| <
 * 2^53} and {@code fullScale < 2^42} the numerator is exact, a tie {@code k + 1/2} is exactly
 * representable, and any other quotient lies at least {@code 1 / (2 fullScale)} from a tie, far
 * beyond the division's rounding error, so {@code rint} of the double quotient is the integer
 * round-half-even quotient.
 */
final class ColumnAdc {

  private static final double EXACT_NUMERATOR = 0x1p53;
  private static final long EXACT_DIVISOR = 1L << 42;

  private final long adcMax;
  private final long fullScale;
  private final double fullScaleDouble;
  private final boolean doubleExact;

  /**
   * @param adcMax largest code, 0 for an ideal ADC
   * @param fullScale accumulator value that converts to {@code adcMax}
   */
  ColumnAdc(long adcMax, long fullScale) {
    if (fullScale <= 0) {
      throw new IllegalArgumentException("ADC full scale must be positive, got " + fullScale);
    }
    this.adcMax = adcMax;
    this.fullScale = fullScale;
    this.fullScaleDouble = fullScale;
    this.doubleExact = fullScale < EXACT_DIVISOR;
  }

  long convert(long acc) {
    if (adcMax == 0) {
      return acc;
    }
    long n = acc * adcMax;
    long code =
        doubleExact && Math.abs((double) n) < EXACT_NUMERATOR
            ? (long) Math.rint(n / fullScaleDouble)
            : roundHalfEvenDiv(n, fullScale);
    return Math.max(-adcMax, Math.min(adcMax, code));
  }

  /** Accumulator units per code (1 for an ideal ADC). */
  double step() {
    return adcMax == 0 ? 1 : (double) fullScale / adcMax;
  }

  /** {@code n / d} rounded to the nearest integer, ties to even; {@code d > 0}. */
  static long roundHalfEvenDiv(long n, long d) {
    long q = Math.floorDiv(n, d);
    long twiceR = 2 * (n - q * d);
    if (twiceR > d || (twiceR == d && (q & 1) != 0)) {
      q++;
    }
    return q;
  }
}
