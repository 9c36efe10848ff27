package io.engram.pcm;

import io.engram.config.CrossbarConfig;
import io.engram.config.CrossbarPreset;

/**
 * Which device non-idealities act and how strongly (a scale of 1 is the published model, 0 switches
 * the effect off), and the rates of stuck devices. The model's fitted coefficients are separate
 * ({@link io.engram.config.PcmDeviceConfig}).
 *
 * @param programmingNoiseScale factor on the programming-noise sigma
 * @param readNoiseScale factor on the 1/f read-noise sigma
 * @param driftScale factor on every drift exponent nu
 * @param stuckSetRate probability that a device is stuck in its SET (crystalline, Gmax) state
 * @param stuckResetRate probability that a device is stuck in its RESET (amorphous, 0) state
 */
public record PcmParams(
    double programmingNoiseScale,
    double readNoiseScale,
    double driftScale,
    double stuckSetRate,
    double stuckResetRate) {

  public PcmParams {
    requireNonNegative("programmingNoiseScale", programmingNoiseScale);
    requireNonNegative("readNoiseScale", readNoiseScale);
    requireNonNegative("driftScale", driftScale);
    requireRate("stuckSetRate", stuckSetRate);
    requireRate("stuckResetRate", stuckResetRate);
    if (stuckSetRate + stuckResetRate > 1.0) {
      throw new IllegalArgumentException(
          "stuckSetRate + stuckResetRate must not exceed 1, got " + (stuckSetRate + stuckResetRate));
    }
  }

  /** The effects (each at scale 1 or off) and fault rates a crossbar configuration sets. */
  public static PcmParams of(CrossbarConfig c) {
    return new PcmParams(
        c.programmingNoise() ? 1 : 0,
        c.readNoise() ? 1 : 0,
        c.drift() ? 1 : 0,
        c.stuckSetRate(),
        c.stuckResetRate());
  }

  /**
   * The effects of a named preset, without faults: {@code ideal} none, {@code pcm} programming and
   * read noise, {@code pcm-drift} also drift.
   */
  public static PcmParams of(CrossbarPreset preset) {
    return of(CrossbarConfig.forPreset(preset));
  }

  /** The given effect scales and no faults. */
  public static PcmParams of(double programmingNoise, double readNoise, double drift) {
    return new PcmParams(programmingNoise, readNoise, drift, 0, 0);
  }

  /** These parameters with the given stuck-at-SET and stuck-at-RESET rates. */
  public PcmParams withStuckRates(double set, double reset) {
    return new PcmParams(programmingNoiseScale, readNoiseScale, driftScale, set, reset);
  }

  /** These parameters with a total fault rate split evenly between stuck-at-SET and RESET. */
  public PcmParams withFaultRate(double rate) {
    requireRate("fault rate", rate);
    return withStuckRates(rate / 2, rate / 2);
  }

  /** True when no device effect is active: programming, reading and time change nothing. */
  public boolean isIdeal() {
    return programmingNoiseScale == 0
        && readNoiseScale == 0
        && driftScale == 0
        && stuckSetRate == 0
        && stuckResetRate == 0;
  }

  private static void requireNonNegative(String name, double v) {
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be non-negative and finite, got " + v);
    }
  }

  private static void requireRate(String name, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must lie in [0, 1], got " + v);
    }
  }
}
