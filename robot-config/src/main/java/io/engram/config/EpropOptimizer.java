package io.engram.config;

/** How e-prop turns gradients into weight changes. */
public enum EpropOptimizer {
  /** Plain gradient descent: {@code dW = -lr * g}. */
  SGD,
  /** Adam (Kingma and Ba), beta1 0.9, beta2 0.999, epsilon 1e-8. */
  ADAM
}
