package io.engram.pcm;

/**
 * Reference moments of SPEC section 6's device statistics, by numerical integration, written from
 * the SPEC's formulas independently of {@link PcmDeviceModel}: the programmed conductance is a
 * normal censored at 0 and Gmax, nu a folded normal, a read a normal rectified at 0.
 */
final class DeviceMoments {

  static final double GMAX = 25;
  static final double T0 = 20;
  static final double T_READ = 250e-9;
  private static final int STEPS = 4000;
  private static final double Z_MAX = 9;

  private DeviceMoments() {}

  static double sigmaP(double target) {
    double g = target / GMAX;
    return Math.max(-1.1731 * g * g + 1.9650 * g + 0.26348, 0);
  }

  static double mu(double target) {
    double g = Math.max(target / GMAX, 1e-7);
    return Math.min(Math.max(-0.0155 * Math.log(g) + 0.0244, 0.049), 0.1);
  }

  static double sigmaNu(double target) {
    double g = Math.max(target / GMAX, 1e-7);
    return Math.min(Math.max(-0.0125 * Math.log(g) - 0.0059, 0.008), 0.045);
  }

  static double qs(double programmed) {
    return Math.min(0.0088 / Math.max(Math.pow(programmed / GMAX, 0.65), 1e-3), 0.2);
  }

  /** {mean, sd} of the programmed conductance. */
  static double[] programmed(double target) {
    double s = sigmaP(target);
    double m1 = 0;
    double m2 = 0;
    double h = 2 * Z_MAX / STEPS;
    for (int i = 0; i <= STEPS; i++) {
      double z = -Z_MAX + i * h;
      double w = simpson(i, STEPS) * h / 3 * phi(z);
      double g = clip(target + s * z);
      m1 += w * g;
      m2 += w * g * g;
    }
    return new double[] {m1, Math.sqrt(m2 - m1 * m1)};
  }

  /** Mean of nu = |N(mu, sigma)|. */
  static double nuMean(double target) {
    double m = mu(target);
    double s = sigmaNu(target);
    return s * Math.sqrt(2 / Math.PI) * Math.exp(-m * m / (2 * s * s)) + m * (1 - 2 * cdf(-m / s));
  }

  /** {mean, sd} of one read at t_inference = age of a device programmed toward target. */
  static double[] read(double target, double age, boolean drift) {
    double s = sigmaP(target);
    double m = mu(target);
    double sn = sigmaNu(target);
    double c = Math.sqrt(Math.log((age + T0 + T_READ) / (2 * T_READ)));
    double lnRatio = Math.log((age + T0) / T0);
    int nuSteps = 800;
    double hz = 2 * Z_MAX / STEPS;
    double hn = 2 * Z_MAX / nuSteps;
    double[] d1 = new double[2];
    // E[d] and E[d^2] over nu: d = exp(-nu ln(t/t0)).
    for (int j = 0; j <= nuSteps; j++) {
      double z = -Z_MAX + j * hn;
      double w = simpson(j, nuSteps) * hn / 3 * phi(z);
      double nu = drift ? Math.abs(m + sn * z) : 0;
      double d = Math.exp(-nu * lnRatio);
      d1[0] += w * d;
      d1[1] += w * d * d;
    }
    double r1 = 0;
    double r2 = 0;
    for (int i = 0; i <= STEPS; i++) {
      double z = -Z_MAX + i * hz;
      double w = simpson(i, STEPS) * hz / 3 * phi(z);
      double gp = clip(target + s * z);
      if (gp == 0) {
        continue;
      }
      double q = qs(gp) * c;
      double a = 1 / q;
      double e1 = cdf(a) + q * phi(a);
      double e2 = (1 + q * q) * cdf(a) + q * phi(a);
      r1 += w * gp * d1[0] * e1;
      r2 += w * gp * gp * d1[1] * e2;
    }
    return new double[] {r1, Math.sqrt(r2 - r1 * r1)};
  }

  /** Simpson weight of node i of n (n even). */
  private static double simpson(int i, int n) {
    return i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
  }

  private static double clip(double g) {
    return Math.min(Math.max(g, 0), GMAX);
  }

  static double phi(double z) {
    return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  }

  /** Standard normal CDF (Abramowitz and Stegun 26.2.17, error below 7.5e-8). */
  static double cdf(double x) {
    if (x < 0) {
      return 1 - cdf(-x);
    }
    double t = 1 / (1 + 0.2316419 * x);
    double poly =
        t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    return 1 - phi(x) * poly;
  }
}
