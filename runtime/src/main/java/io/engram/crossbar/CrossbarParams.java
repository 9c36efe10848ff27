package io.engram.crossbar;

import io.engram.config.CrossbarConfig;
import io.engram.config.DriftCompensation;
import io.engram.config.ReadNoiseMode;
import io.engram.config.WeightScale;
import io.engram.pcm.ProgramVerify;
import java.util.List;

/**
 * Parameters of a crossbar array: its tile, the fixed-point conductance format, the differential
 * pairs that hold a weight and their significance, the weight scale, the analog periphery, the
 * read-noise mode, drift compensation and how devices are written.
 *
 * @param tileRows rows of the physical tile the matrix occupies
 * @param tileColumns columns of that tile
 * @param conductanceBits resolution of a device conductance: 0 .. Gmax is the unsigned integer
 *     range 0 .. 2^bits - 1
 * @param pairFactors integer significance of each differential pair, least significant first,
 *     strictly increasing: {@code w = sum_k f_k (G+_k - G-_k) / scale}; a pair only takes what the
 *     less significant ones cannot hold (the paper's chip: two pairs, four devices)
 * @param weightScale how {@code w_max}, the weight of a fully programmed cell, is chosen
 * @param wMax {@code w_max} under {@link WeightScale#FIXED}
 * @param periphery DAC and ADC
 * @param readNoise exact or fast read noise
 * @param compensation drift compensation from probe reads
 * @param programVerify how each device is written
 */
public record CrossbarParams(
    int tileRows,
    int tileColumns,
    int conductanceBits,
    List<Integer> pairFactors,
    WeightScale weightScale,
    double wMax,
    Periphery periphery,
    ReadNoiseMode readNoise,
    DriftCompensation compensation,
    ProgramVerify programVerify) {

  /** Rows and columns of one tile of the paper's chip. */
  public static final int TILE = 256;

  /** Conductance resolution: far below the programming noise, fine enough for ideal updates. */
  public static final int CONDUCTANCE_BITS = 16;

  public CrossbarParams {
    if (tileRows < 1 || tileColumns < 1) {
      throw new IllegalArgumentException(
          "tile must have at least one row and column, got " + tileRows + " x " + tileColumns);
    }
    if (conductanceBits < 2 || conductanceBits > 24) {
      throw new IllegalArgumentException(
          "conductanceBits must lie in [2, 24], got " + conductanceBits);
    }
    pairFactors = List.copyOf(pairFactors);
    if (pairFactors.isEmpty() || pairFactors.size() > 4) {
      throw new IllegalArgumentException("1 to 4 device pairs per weight, got " + pairFactors.size());
    }
    int previous = 0;
    for (int f : pairFactors) {
      if (f <= previous || f > 64) {
        throw new IllegalArgumentException(
            "pair factors must be increasing integers in [1, 64], got " + pairFactors);
      }
      previous = f;
    }
    if (weightScale == WeightScale.FIXED && !(wMax > 0 && Double.isFinite(wMax))) {
      throw new IllegalArgumentException("a fixed w_max must be positive, got " + wMax);
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
   * The paper's chip: one 256 x 256 tile, two pairs per weight (factors 1 and 3), per-column
   * scale, 8-bit DACs and ADCs, exact read noise, no compensation, single-shot programming.
   */
  public static CrossbarParams chip() {
    return new CrossbarParams(
        TILE,
        TILE,
        CONDUCTANCE_BITS,
        List.of(1, 3),
        WeightScale.PER_COLUMN,
        1,
        new Periphery(8, 8, 4, 0),
        ReadNoiseMode.EXACT,
        DriftCompensation.NONE,
        ProgramVerify.SINGLE_SHOT);
  }

  /** The array a configuration describes: one 256 x 256 tile, 16-bit conductances. */
  public static CrossbarParams of(CrossbarConfig c) {
    List<Integer> factors =
        c.pairFactors().stream().map(f -> (int) Math.rint(f)).toList();
    return new CrossbarParams(
        TILE,
        TILE,
        CONDUCTANCE_BITS,
        factors,
        c.weightScale(),
        c.wMax(),
        new Periphery(c.dacBits(), c.adcBits(), c.adcOutBound(), 0),
        c.readNoiseMode(),
        c.driftCompensation(),
        new ProgramVerify(c.verifyPulses(), c.verifyToleranceUs()));
  }

  /** Differential pairs per weight. */
  public int pairsPerWeight() {
    return pairFactors.size();
  }

  /** The significance factor of pair {@code k} (0 = least significant). */
  public int pairFactor(int k) {
    return pairFactors.get(k);
  }

  /** Sum of the pair factors: a fully programmed cell holds this many Gmax. */
  public int factorSum() {
    int s = 0;
    for (int f : pairFactors) {
      s += f;
    }
    return s;
  }

  public CrossbarParams withPairFactors(Integer... factors) {
    return new CrossbarParams(
        tileRows, tileColumns, conductanceBits, List.of(factors), weightScale, wMax, periphery,
        readNoise, compensation, programVerify);
  }

  public CrossbarParams withWeightScale(WeightScale scale) {
    return new CrossbarParams(
        tileRows, tileColumns, conductanceBits, pairFactors, scale, wMax, periphery, readNoise,
        compensation, programVerify);
  }

  /** A fixed {@code w_max}: weights beyond it saturate. */
  public CrossbarParams withFixedScale(double fixedMax) {
    return new CrossbarParams(
        tileRows, tileColumns, conductanceBits, pairFactors, WeightScale.FIXED, fixedMax,
        periphery, readNoise, compensation, programVerify);
  }

  public CrossbarParams withPeriphery(Periphery io) {
    return new CrossbarParams(
        tileRows, tileColumns, conductanceBits, pairFactors, weightScale, wMax, io, readNoise,
        compensation, programVerify);
  }

  public CrossbarParams withReadNoise(ReadNoiseMode mode) {
    return new CrossbarParams(
        tileRows, tileColumns, conductanceBits, pairFactors, weightScale, wMax, periphery, mode,
        compensation, programVerify);
  }

  public CrossbarParams withCompensation(DriftCompensation c) {
    return new CrossbarParams(
        tileRows, tileColumns, conductanceBits, pairFactors, weightScale, wMax, periphery,
        readNoise, c, programVerify);
  }

  public CrossbarParams withProgramVerify(ProgramVerify pv) {
    return new CrossbarParams(
        tileRows, tileColumns, conductanceBits, pairFactors, weightScale, wMax, periphery,
        readNoise, compensation, pv);
  }

  public CrossbarParams withConductanceBits(int bits) {
    return new CrossbarParams(
        tileRows, tileColumns, bits, pairFactors, weightScale, wMax, periphery, readNoise,
        compensation, programVerify);
  }
}
