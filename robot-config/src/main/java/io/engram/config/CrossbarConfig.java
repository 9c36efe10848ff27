package io.engram.config;

import java.util.List;
import java.util.Objects;

/**
 * The emulated PCM crossbar that holds the trainee's plastic weights.
 *
 * @param preset the named settings this configuration started from
 * @param weightScale how weights map to conductances
 * @param wMax weight that programs Gmax under {@link WeightScale#FIXED}
 * @param pairFactors significance factors of the device pairs of one weight, least significant
 *     first, strictly increasing; a pair is used once the less significant ones saturate
 * @param programmingNoise whether programming adds noise
 * @param readNoise whether each read adds noise
 * @param drift whether conductances drift after programming
 * @param driftCompensation output correction for drift
 * @param tInferenceS time between programming and inference (s)
 * @param dacBits input DAC resolution over +-1; 0 = exact inputs
 * @param adcBits output ADC resolution over +-adcOutBound; 0 = exact outputs
 * @param adcOutBound ADC full scale
 * @param device the device model
 * @param seed seed of the device noise generator
 */
public record CrossbarConfig(
    CrossbarPreset preset,
    WeightScale weightScale,
    double wMax,
    List<Double> pairFactors,
    boolean programmingNoise,
    boolean readNoise,
    boolean drift,
    DriftCompensation driftCompensation,
    double tInferenceS,
    int dacBits,
    int adcBits,
    double adcOutBound,
    PcmDeviceConfig device,
    long seed) {

  public CrossbarConfig {
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(weightScale, "weightScale");
    Objects.requireNonNull(driftCompensation, "driftCompensation");
    Objects.requireNonNull(device, "device");
    pairFactors = List.copyOf(pairFactors);
    if (!(wMax > 0) || !(tInferenceS >= 0) || Double.isInfinite(tInferenceS) || !(adcOutBound > 0)) {
      throw new IllegalArgumentException("crossbar: w-max and ADC bound positive, t-inference >= 0");
    }
    if (dacBits < 0 || adcBits < 0 || dacBits > 24 || adcBits > 24) {
      throw new IllegalArgumentException("crossbar: converter bits must be in 0..24");
    }
    if (pairFactors.isEmpty()) {
      throw new IllegalArgumentException("crossbar: at least one device pair per weight");
    }
    double previous = 0;
    for (double f : pairFactors) {
      if (!(f > previous) || Double.isInfinite(f)) {
        throw new IllegalArgumentException("crossbar: pair factors must be positive and increasing");
      }
      previous = f;
    }
  }

  /** The ideal crossbar. */
  public static CrossbarConfig defaults() {
    return forPreset(CrossbarPreset.IDEAL);
  }

  /**
   * The settings of a preset: per-array scaling, two device pairs (factors 1 and 3), exact
   * converters; {@code pcm} adds programming and read noise, {@code pcm-drift} also drift, read
   * one hour after programming, uncompensated.
   */
  public static CrossbarConfig forPreset(CrossbarPreset preset) {
    boolean noisy = preset != CrossbarPreset.IDEAL;
    boolean drifting = preset == CrossbarPreset.PCM_DRIFT;
    return new CrossbarConfig(
        preset,
        WeightScale.PER_ARRAY,
        1.0,
        List.of(1.0, 3.0),
        noisy,
        noisy,
        drifting,
        DriftCompensation.NONE,
        drifting ? 3600.0 : 0.0,
        0,
        0,
        12.0,
        PcmDeviceConfig.ibm(),
        1);
  }

  /** Model time t = t_inference + t0 (s). */
  public double modelTimeS() {
    return tInferenceS + device.t0S();
  }
}
