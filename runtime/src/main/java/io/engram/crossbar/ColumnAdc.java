package io.engram.crossbar;

/**
 * The column ADC in integer arithmetic: a column accumulator (DAC code times conductance code,
 * summed) becomes a signed code {@code round_half_even(acc * adcMax / fullScale)}, clipped to
 * [-adcMax, adcMax]. With an ideal ADC the accumulator passes through unchanged.
 */
final class ColumnAdc {

  private final long adcMax;
  private final long fullScale;

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
  }

  long convert(long acc) {
    if (adcMax == 0) {
      return acc;
    }
    long code = roundHalfEvenDiv(acc * adcMax, fullScale);
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
