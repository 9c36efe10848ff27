package io.engram.config;

import java.util.List;
import java.util.Objects;

/**
 * The emulated PCM crossbar that holds the trainee's plastic weights. Presets differ only in the
 * device effects (programming noise, read noise, drift) and the time to inference; the array
 * format and converters are those of the paper's chip in all of them.
 *
 * @param preset the named settings this configuration started from
 * @param weightScale how weights map to conductances
 * @param wMax weight that programs a full cell under {@link WeightScale#FIXED}
 * @param pairFactors significance factors of the device pairs of one weight, least significant
 *     first, strictly increasing whole numbers; a pair is used once the less significant ones
 *     saturate
 * @param programmingNoise whether programming adds noise
 * @param readNoise whether each read adds noise
 * @param readNoiseMode exact (per device) or fast (per column) read noise
 * @param drift whether conductances drift after programming
 * @param driftCompensation output correction for drift
 * @param tInferenceS time between programming the update and using it (s)
 * @param stuckSetRate fraction of devices stuck at SET (always Gmax)
 * @param stuckResetRate fraction of devices stuck at RESET (always 0)
 * @param faultScan whether a SET/RESET scan finds the stuck devices before first use, so weights
 *     are mapped around them
 * @param verifyPulses programming pulses per device write; 1 = single-shot, more = iterative
 *     program-and-verify
 * @param verifyToleranceUs accepted |verify read - target| (uS) of program-and-verify
 * @param dacBits input DAC resolution over +-1; 0 = the finest, 16 bits
 * @param adcBits output ADC resolution over +-adcOutBound; 0 = exact outputs
 * @param adcOutBound ADC full scale, in cells programmed to w-max driven at full scale
 * @param device the device model
 * @param seed seed of the fault map and the device noise
 */
public record CrossbarConfig(
    CrossbarPreset preset,
    WeightScale weightScale,
    double wMax,
    List<Double> pairFactors,
    boolean programmingNoise,
    boolean readNoise,
    ReadNoiseMode readNoiseMode,
    boolean drift,
    DriftCompensation driftCompensation,
    double tInferenceS,
    double stuckSetRate,
    double stuckResetRate,
    boolean faultScan,
    int verifyPulses,
    double verifyToleranceUs,
    int dacBits,
    int adcBits,
    double adcOutBound,
    PcmDeviceConfig device,
    long seed) {

  public CrossbarConfig {
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(weightScale, "weightScale");
    Objects.requireNonNull(readNoiseMode, "readNoiseMode");
    Objects.requireNonNull(driftCompensation, "driftCompensation");
    Objects.requireNonNull(device, "device");
    pairFactors = List.copyOf(pairFactors);
    if (!(wMax > 0) || !(tInferenceS >= 0) || Double.isInfinite(tInferenceS) || !(adcOutBound > 0)) {
      throw new IllegalArgumentException("crossbar: w-max and ADC bound positive, t-inference >= 0");
    }
    if (dacBits < 0 || dacBits == 1 || dacBits > 16 || adcBits < 0 || adcBits == 1 || adcBits > 24) {
      throw new IllegalArgumentException(
          "crossbar: DAC bits must be 0 or 2..16, ADC bits 0 or 2..24");
    }
    if (!(stuckSetRate >= 0) || !(stuckResetRate >= 0) || !(stuckSetRate + stuckResetRate <= 1)) {
      throw new IllegalArgumentException("crossbar: stuck-device rates must be >= 0 and sum to <= 1");
    }
    if (verifyPulses < 1 || !(verifyToleranceUs >= 0)) {
      throw new IllegalArgumentException("crossbar: at least one pulse, tolerance >= 0");
    }
    if (pairFactors.isEmpty()) {
      throw new IllegalArgumentException("crossbar: at least one device pair per weight");
    }
    double previous = 0;
    for (double f : pairFactors) {
      if (!(f > previous) || f != Math.rint(f) || f > 64) {
        throw new IllegalArgumentException(
            "crossbar: pair factors must be increasing whole numbers from 1 to 64");
      }
      previous = f;
    }
  }

  /** The ideal crossbar. */
  public static CrossbarConfig defaults() {
    return forPreset(CrossbarPreset.IDEAL);
  }

  /**
   * The settings of a preset: the paper's chip (per-column scaling, two device pairs with factors 1
   * and 3, 8-bit DACs and ADCs over +-4 full cells, exact read noise, single-shot programming, no
   * faults, no compensation) with the preset's device effects: {@code pcm} adds programming and
   * read noise, {@code pcm-drift} also drift, used one hour after programming.
   */
  public static CrossbarConfig forPreset(CrossbarPreset preset) {
    return new CrossbarConfig(
            preset,
            WeightScale.PER_COLUMN,
            1.0,
            List.of(1.0, 3.0),
            false,
            false,
            ReadNoiseMode.EXACT,
            false,
            DriftCompensation.NONE,
            0,
            0,
            0,
            false,
            1,
            0.5,
            8,
            8,
            4.0,
            PcmDeviceConfig.ibm(),
            1)
        .withDevice(preset);
  }

  /**
   * These settings with the device effects and time to inference of {@code preset}; the format,
   * converters, faults, compensation and seed stay.
   */
  public CrossbarConfig withDevice(CrossbarPreset newPreset) {
    boolean noisy = newPreset != CrossbarPreset.IDEAL;
    boolean drifting = newPreset == CrossbarPreset.PCM_DRIFT;
    return new CrossbarConfig(
        newPreset, weightScale, wMax, pairFactors, noisy, noisy, readNoiseMode, drifting,
        driftCompensation, drifting ? 3600.0 : 0.0, stuckSetRate, stuckResetRate, faultScan, verifyPulses,
        verifyToleranceUs, dacBits, adcBits, adcOutBound, device, seed);
  }

  /** These settings with another time between programming and inference. */
  public CrossbarConfig withTInference(double seconds) {
    return new CrossbarConfig(
        preset, weightScale, wMax, pairFactors, programmingNoise, readNoise, readNoiseMode, drift,
        driftCompensation, seconds, stuckSetRate, stuckResetRate, faultScan, verifyPulses, verifyToleranceUs,
        dacBits, adcBits, adcOutBound, device, seed);
  }

  /** These settings with another drift compensation. */
  public CrossbarConfig withDriftCompensation(DriftCompensation compensation) {
    return new CrossbarConfig(
        preset, weightScale, wMax, pairFactors, programmingNoise, readNoise, readNoiseMode, drift,
        compensation, tInferenceS, stuckSetRate, stuckResetRate, faultScan, verifyPulses, verifyToleranceUs,
        dacBits, adcBits, adcOutBound, device, seed);
  }

  /** These settings with a fraction of stuck devices, half at SET and half at RESET. */
  public CrossbarConfig withFaultRate(double rate) {
    return new CrossbarConfig(
        preset, weightScale, wMax, pairFactors, programmingNoise, readNoise, readNoiseMode, drift,
        driftCompensation, tInferenceS, rate / 2, rate / 2, faultScan, verifyPulses, verifyToleranceUs,
        dacBits, adcBits, adcOutBound, device, seed);
  }

  /** These settings with or without a fault scan before first use. */
  public CrossbarConfig withFaultScan(boolean scan) {
    return new CrossbarConfig(
        preset, weightScale, wMax, pairFactors, programmingNoise, readNoise, readNoiseMode, drift,
        driftCompensation, tInferenceS, stuckSetRate, stuckResetRate, scan, verifyPulses,
        verifyToleranceUs, dacBits, adcBits, adcOutBound, device, seed);
  }

  /** These settings with program-and-verify of up to {@code pulses} pulses to a tolerance. */
  public CrossbarConfig withProgramVerify(int pulses, double toleranceUs) {
    return new CrossbarConfig(
        preset, weightScale, wMax, pairFactors, programmingNoise, readNoise, readNoiseMode, drift,
        driftCompensation, tInferenceS, stuckSetRate, stuckResetRate, faultScan, pulses,
        toleranceUs, dacBits, adcBits, adcOutBound, device, seed);
  }

  /** These settings with another read-noise mode. */
  public CrossbarConfig withReadNoiseMode(ReadNoiseMode mode) {
    return new CrossbarConfig(
        preset, weightScale, wMax, pairFactors, programmingNoise, readNoise, mode, drift,
        driftCompensation, tInferenceS, stuckSetRate, stuckResetRate, faultScan, verifyPulses,
        verifyToleranceUs, dacBits, adcBits, adcOutBound, device, seed);
  }

  /** These settings with another seed. */
  public CrossbarConfig withSeed(long newSeed) {
    return new CrossbarConfig(
        preset, weightScale, wMax, pairFactors, programmingNoise, readNoise, readNoiseMode, drift,
        driftCompensation, tInferenceS, stuckSetRate, stuckResetRate, faultScan, verifyPulses,
        verifyToleranceUs, dacBits, adcBits, adcOutBound, device, newSeed);
  }

  /** Model time t = t_inference + t0 (s). */
  public double modelTimeS() {
    return tInferenceS + device.t0S();
  }
}
