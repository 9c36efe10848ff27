package io.engram.crossbar;

import io.engram.pcm.ProgramVerify;

/**
 * Parameters of a crossbar array: its tile, the fixed-point conductance format, how many
 * differential pairs hold a weight and with which significance, the weight scale, the analog
 * periphery, read-noise mode, drift compensation and how devices are written.
 *
 * @param tileRows rows of the physical tile the matrix occupies
 * @param tileColumns columns of that tile
 * @param conductanceBits resolution of a device conductance: 0 .. Gmax is the unsigned integer
 *     range 0 .. 2^bits - 1
 * @param pairsPerWeight differential pairs per weight, 1 or 2 (the paper's chip: 2, four devices)
 * @param significance factor of the more significant pair relative to the less significant one
 *     (used with 2 pairs): {@code w = (G+_1 - G-_1 + significance (G+_2 - G-_2)) / scale}; the more
 *     significant pair only takes what the less significant one cannot hold
 * @param weightScale how {@code w_max} is chosen
 * @param periphery DAC and ADC
 * @param readNoise exact or fast read noise
 * @param compensation drift compensation
 * @param programVerify how each device is written
 */
public record CrossbarParams(
    int tileRows,
    int tileColumns,
    int conductanceBits,
    int pairsPerWeight,
    int significance,
    WeightScale weightScale,
    Periphery periphery,
    ReadNoiseMode readNoise,
    DriftCompensation compensation,
    ProgramVerify programVerify) {

  public CrossbarParams {
    if (tileRows < 1 || tileColumns < 1) {
      throw new IllegalArgumentException(
          "tile must have at least one row and column, got " + tileRows + " x " + tileColumns);
    }
    if (conductanceBits < 2 || conductanceBits > 24) {
      throw new IllegalArgumentException(
          "conductanceBits must lie in [2, 24], got " + conductanceBits);
    }
    if (pairsPerWeight != 1 && pairsPerWeight != 2) {
      throw new IllegalArgumentException("pairsPerWeight must be 1 or 2, got " + pairsPerWeight);
    }
    if (significance < 1 || significance > 64) {
      throw new IllegalArgumentException("significance must lie in [1, 64], got " + significance);
    }
    if (weightScale == null
        || periphery == null
        || readNoise == null
        || compensation == null
        || programVerify == null) {
      throw new IllegalArgumentException("every crossbar parameter is required");
    }
  }

  /**
   * The paper's chip: 256 x 256 tile, 4 devices per weight (two pairs), 8-bit DACs and ADCs,
   * per-column scale, exact read noise, no compensation, single-shot programming.
   */
  public static CrossbarParams chip() {
    return new CrossbarParams(
        256,
        256,
        16,
        2,
        2,
        WeightScale.COLUMN,
        new Periphery(8, 8, 4, 0),
        ReadNoiseMode.EXACT,
        DriftCompensation.NONE,
        ProgramVerify.SINGLE_SHOT);
  }

  /** The significance factor of pair {@code k} (0 = least significant). */
  public int pairFactor(int k) {
    return k == 0 ? 1 : significance;
  }

  /** Sum of the pair factors: a fully programmed cell holds this many Gmax. */
  public int factorSum() {
    return pairsPerWeight == 1 ? 1 : 1 + significance;
  }

  public CrossbarParams withPairs(int pairs, int significance) {
    return new CrossbarParams(
        tileRows, tileColumns, conductanceBits, pairs, significance, weightScale, periphery,
        readNoise, compensation, programVerify);
  }

  public CrossbarParams withWeightScale(WeightScale scale) {
    return new CrossbarParams(
        tileRows, tileColumns, conductanceBits, pairsPerWeight, significance, scale, periphery,
        readNoise, compensation, programVerify);
  }

  public CrossbarParams withPeriphery(Periphery io) {
    return new CrossbarParams(
        tileRows, tileColumns, conductanceBits, pairsPerWeight, significance, weightScale, io,
        readNoise, compensation, programVerify);
  }

  public CrossbarParams withReadNoise(ReadNoiseMode mode) {
    return new CrossbarParams(
        tileRows, tileColumns, conductanceBits, pairsPerWeight, significance, weightScale,
        periphery, mode, compensation, programVerify);
  }

  public CrossbarParams withCompensation(DriftCompensation c) {
    return new CrossbarParams(
        tileRows, tileColumns, conductanceBits, pairsPerWeight, significance, weightScale,
        periphery, readNoise, c, programVerify);
  }

  public CrossbarParams withProgramVerify(ProgramVerify pv) {
    return new CrossbarParams(
        tileRows, tileColumns, conductanceBits, pairsPerWeight, significance, weightScale,
        periphery, readNoise, compensation, pv);
  }

  public CrossbarParams withConductanceBits(int bits) {
    return new CrossbarParams(
        tileRows, tileColumns, bits, pairsPerWeight, significance, weightScale, periphery,
        readNoise, compensation, programVerify);
  }
}
