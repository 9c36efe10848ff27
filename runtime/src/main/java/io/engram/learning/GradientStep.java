package io.engram.learning;

import io.engram.config.EpropOptimizer;

/**
 * Turns successive gradients of one parameter array into weight changes: plain gradient descent
 * or Adam (beta1 0.9, beta2 0.999, epsilon 1e-8, bias-corrected). Holds the optimiser's state, so
 * one instance serves one adaptation of one array.
 */
final class GradientStep {

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final EpropOptimizer kind;
  private final double learningRate;
  private final double[] m;
  private final double[] v;
  private int t;

  GradientStep(EpropOptimizer kind, double learningRate, int size) {
    this.kind = kind;
    this.learningRate = learningRate;
    boolean adam = kind == EpropOptimizer.ADAM;
    this.m = adam ? new double[size] : null;
    this.v = adam ? new double[size] : null;
  }

  /** The weight change for {@code gradient} (a new array). */
  double[] delta(double[] gradient) {
    double[] d = new double[gradient.length];
    if (kind == EpropOptimizer.SGD) {
      for (int i = 0; i < d.length; i++) {
        d[i] = -learningRate * gradient[i];
      }
      return d;
    }
    t++;
    double c1 = 1 - Math.pow(BETA1, t);
    double c2 = 1 - Math.pow(BETA2, t);
    for (int i = 0; i < d.length; i++) {
      double g = gradient[i];
      m[i] = BETA1 * m[i] + (1 - BETA1) * g;
      v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
      d[i] = g == 0 && m[i] == 0 ? 0 : -learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
    }
    return d;
  }
}
