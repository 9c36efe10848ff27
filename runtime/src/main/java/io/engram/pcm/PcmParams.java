package io.engram.pcm;

/**
 * Parameters of the PCM statistical device model: the maximal conductance, how strongly each
 * non-ideality acts (a scale of 1 is the published model, 0 switches it off), the model's time
 * constants, and the rates of stuck devices.
 *
 * @param gMaxMicroSiemens maximal programmable conductance, in microsiemens (25 on the paper's chip)
 * @param programmingNoiseScale factor on the programming-noise sigma
 * @param readNoiseScale factor on the 1/f read-noise sigma
 * @param driftScale factor on every drift exponent nu
 * @param t0Seconds first read time after programming; the model's clock is {@code t_inference + t0}
 * @param tReadSeconds duration of one read, the lower cut-off of the 1/f noise
 * @param stuckSetRate probability that a device is stuck in its SET (crystalline, Gmax) state
 * @param stuckResetRate probability that a device is stuck in its RESET (amorphous, 0) state
 */
public record PcmParams(
    double gMaxMicroSiemens,
    double programmingNoiseScale,
    double readNoiseScale,
    double driftScale,
    double t0Seconds,
    double tReadSeconds,
    double stuckSetRate,
    double stuckResetRate) {

  /** Gmax of the paper's chip, in microsiemens. */
  public static final double GMAX_MICROSIEMENS = 25.0;

  /** IBM's convention for the first read after programming. */
  public static final double T0_SECONDS = 20.0;

  /** Duration of one read. */
  public static final double T_READ_SECONDS = 250e-9;

  public PcmParams {
    requireFinitePositive("gMaxMicroSiemens", gMaxMicroSiemens);
    requireNonNegative("programmingNoiseScale", programmingNoiseScale);
    requireNonNegative("readNoiseScale", readNoiseScale);
    requireNonNegative("driftScale", driftScale);
    requireFinitePositive("t0Seconds", t0Seconds);
    requireFinitePositive("tReadSeconds", tReadSeconds);
    requireRate("stuckSetRate", stuckSetRate);
    requireRate("stuckResetRate", stuckResetRate);
    if (stuckSetRate + stuckResetRate > 1.0) {
      throw new IllegalArgumentException(
          "stuckSetRate + stuckResetRate must not exceed 1, got " + (stuckSetRate + stuckResetRate));
    }
  }

  /** The published model with every non-ideality at the given scales and no faults. */
  public static PcmParams of(double programmingNoise, double readNoise, double drift) {
    return new PcmParams(
        GMAX_MICROSIEMENS, programmingNoise, readNoise, drift, T0_SECONDS, T_READ_SECONDS, 0, 0);
  }

  /** These parameters with the given stuck-at-SET and stuck-at-RESET rates. */
  public PcmParams withStuckRates(double set, double reset) {
    return new PcmParams(
        gMaxMicroSiemens,
        programmingNoiseScale,
        readNoiseScale,
        driftScale,
        t0Seconds,
        tReadSeconds,
        set,
        reset);
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

  private static void requireFinitePositive(String name, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
    }
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
