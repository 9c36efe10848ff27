package io.engram.pcm;

import io.engram.config.CrossbarPreset;
import io.engram.config.PcmDeviceConfig;
import java.util.random.RandomGenerator;

/**
 * The statistical model of one phase-change-memory device (Joshi et al. 2020; Nandakumar et al.
 * 2019, as in IBM's toolkit): programming noise, a drift exponent per device, power-law drift and
 * 1/f read noise, with the fitted coefficients of a {@link PcmDeviceConfig} and the effect scales
 * and fault rates of {@link PcmParams}. Conductances are in microsiemens; times are ages in seconds
 * since programming (the model's clock reads {@code t = age + t0}).
 *
 * <p>Stateless and immutable: every random draw comes from the generator the caller passes in, so
 * results are reproducible from a seed. The array that stores devices is a separate concern.
 */
public final class PcmDeviceModel {

  private final PcmDeviceConfig device;
  private final PcmParams params;
  private final double gMax;

  public PcmDeviceModel(PcmDeviceConfig device, PcmParams params) {
    this.device = device;
    this.params = params;
    this.gMax = device.gMaxUs();
  }

  /** The published model (IBM's coefficients) with the effects of a preset. */
  public static PcmDeviceModel of(CrossbarPreset preset) {
    return new PcmDeviceModel(PcmDeviceConfig.ibm(), PcmParams.of(preset));
  }

  /** The published model (IBM's coefficients) with the given effects. */
  public static PcmDeviceModel of(PcmParams params) {
    return new PcmDeviceModel(PcmDeviceConfig.ibm(), params);
  }

  public PcmParams params() {
    return params;
  }

  public PcmDeviceConfig device() {
    return device;
  }

  /** Gmax in microsiemens. */
  public double gMax() {
    return gMax;
  }

  /** Standard deviation of the programming noise at a target conductance, before clipping. */
  public double programmingSigma(double targetMicroSiemens) {
    return params.programmingNoiseScale() * device.programmingSigmaUs(targetMicroSiemens / gMax);
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

  /** Mean of the drift exponent's normal before folding, from the target conductance. */
  public double driftMu(double targetMicroSiemens) {
    return device.driftMean(Math.abs(targetMicroSiemens) / gMax);
  }

  /** Standard deviation of the drift exponent's normal. */
  public double driftSigma(double targetMicroSiemens) {
    return device.driftStd(Math.abs(targetMicroSiemens) / gMax);
  }

  /**
   * The drift exponent of a device programmed toward {@code target}: {@code |N(mu, sigma)|} times
   * the drift scale, drawn once per programming. Draws nothing when drift is off.
   */
  public double driftExponent(double targetMicroSiemens, RandomGenerator rng) {
    if (params.driftScale() == 0) {
      return 0;
    }
    double nu = Math.abs(driftMu(targetMicroSiemens) + driftSigma(targetMicroSiemens) * rng.nextGaussian());
    return params.driftScale() * nu;
  }

  /** The factor {@code (t / t0)^-nu} with {@code t = age + t0}: 1 at age 0. */
  public double driftFactor(double nu, double ageSeconds) {
    if (nu == 0 || ageSeconds <= 0) {
      return 1;
    }
    return device.driftFactor(nu, ageSeconds + device.t0S());
  }

  /** The conductance a device programmed to {@code programmed} has after {@code ageSeconds}. */
  public double drift(double programmedMicroSiemens, double nu, double ageSeconds) {
    return programmedMicroSiemens * driftFactor(nu, ageSeconds);
  }

  /**
   * Standard deviation of the read noise relative to |G(t)|: {@code Q_s sqrt(ln((t + t_read) / (2
   * t_read)))}, Q_s from the programmed conductance, {@code t = age + t0}.
   */
  public double readNoiseRelativeSigma(double programmedMicroSiemens, double ageSeconds) {
    if (params.readNoiseScale() == 0) {
      return 0;
    }
    double g = Math.abs(programmedMicroSiemens) / gMax;
    return params.readNoiseScale()
        * device.readNoiseRelativeSigma(g, Math.max(ageSeconds, 0) + device.t0S());
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
