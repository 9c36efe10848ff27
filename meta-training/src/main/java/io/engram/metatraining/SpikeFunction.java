package io.engram.metatraining;

/**
 * What a neuron emits for {@code u = v - thr}, with the pseudo-derivative psi(u) = (gamma/v_th)
 * max(0, 1 - |u|/v_th) standing in for its derivative in the backward pass.
 */
public enum SpikeFunction {
  /** The real network: a spike when u &gt; 0 (the runtime's model). psi is a surrogate. */
  HEAVISIDE,
  /**
   * A smooth step whose exact derivative is psi (the integral of the triangle, from 0 to gamma).
   * With it, the backward pass is the exact gradient of the forward pass, which finite
   * differences can check; it exists for those checks.
   */
  SOFT;

  /** The output for {@code u}, given the pseudo-derivative's height {@code gamma} and width. */
  double value(double u, double gamma, double vth) {
    if (this == HEAVISIDE) {
      return u > 0 ? 1.0 : 0.0;
    }
    if (u <= -vth) {
      return 0.0;
    }
    if (u >= vth) {
      return gamma;
    }
    double h = gamma / vth;
    return u <= 0
        ? h * (u + vth) * (u + vth) / (2 * vth)
        : gamma / 2 + h * (u - u * u / (2 * vth));
  }
}
