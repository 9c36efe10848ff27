package io.engram.pcm;

import java.util.random.RandomGenerator;

/**
 * The statistical model of one phase-change-memory device (Joshi et al. 2020; Nandakumar et al.
 * 2019, as in IBM's toolkit): programming noise, a drift exponent per device, power-law drift and
 * 1/f read noise. Conductances are in microsiemens, times in seconds since programming.
 *
 * <p>Stateless and immutable: every random draw comes from the generator the caller passes in, so
 * results are reproducible from a seed. The array that stores devices is a separate concern.
 */
public final class PcmDeviceModel {

  /** sigma_p[uS] = max(C2 g^2 + C1 g + C0, 0) with g = G_target / Gmax. */
  static final double PROG_C0 = 0.26348;

  static final double PROG_C1 = 1.9650;
  static final double PROG_C2 = -1.1731;

  /** Floor of g when taking its logarithm for the drift statistics. */
  static final double DRIFT_G_FLOOR = 1e-7;

  private final PcmParams params;
  private final double gMax;

  public PcmDeviceModel(PcmParams params) {
    this.params = params;
    this.gMax = params.gMaxMicroSiemens();
  }

  /** The model with the parameters of a preset. */
  public static PcmDeviceModel of(PcmPreset preset) {
    return new PcmDeviceModel(preset.params());
  }

  public PcmParams params() {
    return params;
  }

  /** Gmax in microsiemens. */
  public double gMax() {
    return gMax;
  }

  /** Standard deviation of the programming noise at a target conductance, before clipping. */
  public double programmingSigma(double targetMicroSiemens) {
    double g = targetMicroSiemens / gMax;
    double sigma = Math.max((PROG_C2 * g + PROG_C1) * g + PROG_C0, 0.0);
    // The polynomial is fitted for Gmax = 25 uS; a device of another Gmax scales with it.
    return params.programmingNoiseScale() * sigma * (gMax / PcmParams.GMAX_MICROSIEMENS);
  }

  /**
   * One programming pulse toward {@code target}: {@code clip(target + N(0, sigma_p), 0, Gmax)}. The
   * target itself is clipped to [0, Gmax] first. Draws nothing when programming noise is off.
   */
  public double program(double targetMicroSiemens, RandomGenerator rng) {
    double target = clip(targetMicroSiemens);
    double sigma = programmingSigma(target);
    return sigma == 0 ? target : clip(target + sigma * rng.nextGaussian());
  }

  /** Mean of the drift exponent's normal before folding: clip(-0.0155 ln g + 0.0244, 0.049, 0.1). */
  public double driftMu(double targetMicroSiemens) {
    double lnG = Math.log(Math.max(Math.abs(targetMicroSiemens) / gMax, DRIFT_G_FLOOR));
    return Math.min(Math.max(-0.0155 * lnG + 0.0244, 0.049), 0.1);
  }

  /** Sigma of the drift exponent's normal: clip(-0.0125 ln g - 0.0059, 0.008, 0.045). */
  public double driftSigma(double targetMicroSiemens) {
    double lnG = Math.log(Math.max(Math.abs(targetMicroSiemens) / gMax, DRIFT_G_FLOOR));
    return Math.min(Math.max(-0.0125 * lnG - 0.0059, 0.008), 0.045);
  }

  /**
   * The drift exponent of a device programmed toward {@code target}: {@code |N(mu, sigma)|} times
   * the drift scale, drawn once per programming. Draws nothing when drift is off.
   */
  public double driftExponent(double targetMicroSiemens, RandomGenerator rng) {
    if (params.driftScale() == 0) {
      return 0;
    }
    double mu = driftMu(targetMicroSiemens);
    double nu = Math.abs(mu + driftSigma(targetMicroSiemens) * rng.nextGaussian());
    return params.driftScale() * nu;
  }

  /** The factor {@code (t / t0)^-nu} with {@code t = age + t0}: 1 at age 0. */
  public double driftFactor(double nu, double ageSeconds) {
    if (nu == 0 || ageSeconds <= 0) {
      return 1;
    }
    double t0 = params.t0Seconds();
    return Math.pow((ageSeconds + t0) / t0, -nu);
  }

  /** The conductance a device programmed to {@code programmed} has after {@code ageSeconds}. */
  public double drift(double programmedMicroSiemens, double nu, double ageSeconds) {
    return programmedMicroSiemens * driftFactor(nu, ageSeconds);
  }

  /**
   * Standard deviation of the read noise relative to |G(t)|: {@code Q_s sqrt(ln((t + t_read) / (2
   * t_read)))}, {@code Q_s = min(0.0088 / max(g^0.65, 1e-3), 0.2)} with g the programmed
   * conductance over Gmax and {@code t = age + t0}.
   */
  public double readNoiseRelativeSigma(double programmedMicroSiemens, double ageSeconds) {
    if (params.readNoiseScale() == 0) {
      return 0;
    }
    double g = Math.abs(programmedMicroSiemens) / gMax;
    double qs = Math.min(0.0088 / Math.max(Math.pow(g, 0.65), 1e-3), 0.2);
    double tRead = params.tReadSeconds();
    double t = Math.max(ageSeconds, 0) + params.t0Seconds();
    return params.readNoiseScale() * qs * Math.sqrt(Math.log((t + tRead) / (2 * tRead)));
  }

  /**
   * One read of a device: {@code max(0, G(t) + |G(t)| sigma_rel xi)}, {@code xi ~ N(0, 1)} fresh per
   * read. Draws nothing when read noise is off or the conductance is 0.
   */
  public double read(
      double driftedMicroSiemens,
      double programmedMicroSiemens,
      double ageSeconds,
      RandomGenerator rng) {
    double sigma =
        Math.abs(driftedMicroSiemens) * readNoiseRelativeSigma(programmedMicroSiemens, ageSeconds);
    if (sigma == 0) {
      return Math.max(driftedMicroSiemens, 0);
    }
    return Math.max(driftedMicroSiemens + sigma * rng.nextGaussian(), 0);
  }

  /**
   * Draws the permanent state of a newly made device from the fault rates. Draws nothing when both
   * rates are 0.
   */
  public DeviceFault drawFault(RandomGenerator rng) {
    double set = params.stuckSetRate();
    double reset = params.stuckResetRate();
    if (set == 0 && reset == 0) {
      return DeviceFault.NONE;
    }
    double u = rng.nextDouble();
    if (u < set) {
      return DeviceFault.STUCK_SET;
    }
    return u < set + reset ? DeviceFault.STUCK_RESET : DeviceFault.NONE;
  }

  /** The conductance a stuck device shows whatever it is programmed to. */
  public double stuckConductance(DeviceFault fault) {
    return switch (fault) {
      case STUCK_SET -> gMax;
      case STUCK_RESET -> 0;
      case NONE -> throw new IllegalArgumentException("a working device is not stuck");
    };
  }

  private double clip(double g) {
    return Math.min(Math.max(g, 0), gMax);
  }
}
