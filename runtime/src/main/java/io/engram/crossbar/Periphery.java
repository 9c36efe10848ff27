package io.engram.crossbar;

/**
 * The array's analog input and output: signed DACs on the rows, ADCs on the columns.
 *
 * @param dacBits signed DAC resolution: inputs in [-1, 1] become integers in [-(2^(b-1) - 1),
 *     2^(b-1) - 1], rounded half to even; a spike is a full-scale pulse. 0 selects the finest
 *     DAC, 16 bits
 * @param adcBits signed ADC resolution over [-adcRange, adcRange]; 0 reads the column accumulator
 *     without quantisation (an ideal ADC)
 * @param adcRange ADC full scale, in fully programmed cells driven at full scale: 4 means the
 *     ADC saturates at the current of four cells at {@code w_max} with full-scale inputs
 * @param outputNoise standard deviation of Gaussian noise added to each column before the ADC, in
 *     the same unit as {@code adcRange}; 0 for none
 */
public record Periphery(int dacBits, int adcBits, double adcRange, double outputNoise) {

  /** Resolution of the finest DAC, which {@code dacBits = 0} selects. */
  public static final int FINEST_DAC_BITS = 16;

  public Periphery {
    if (dacBits == 0) {
      dacBits = FINEST_DAC_BITS;
    }
    if (dacBits < 2 || dacBits > FINEST_DAC_BITS) {
      throw new IllegalArgumentException("dacBits must be 0 or lie in [2, 16], got " + dacBits);
    }
    if (adcBits != 0 && (adcBits < 2 || adcBits > 24)) {
      throw new IllegalArgumentException("adcBits must be 0 (ideal) or lie in [2, 24], got " + adcBits);
    }
    if (!(adcRange > 0) || !Double.isFinite(adcRange)) {
      throw new IllegalArgumentException("adcRange must be positive, got " + adcRange);
    }
    if (!(outputNoise >= 0) || !Double.isFinite(outputNoise)) {
      throw new IllegalArgumentException("outputNoise must be non-negative, got " + outputNoise);
    }
  }

  /** The largest DAC code, which a spike drives. */
  public int dacMax() {
    return (1 << (dacBits - 1)) - 1;
  }

  /** The largest ADC code, or 0 for an ideal ADC. */
  public long adcMax() {
    return adcBits == 0 ? 0 : (1L << (adcBits - 1)) - 1;
  }

  /** True when column outputs are read without quantisation. */
  public boolean idealAdc() {
    return adcBits == 0;
  }
}
