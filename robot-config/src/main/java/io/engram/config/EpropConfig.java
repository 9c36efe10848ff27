package io.engram.config;

import java.util.Objects;

/**
 * Classic e-prop (Bellec et al. 2020): learning signals {@code L_j = sum_k B_jk (y_k - y*_k)} from
 * the output error, kappa-filtered eligibility traces, and updates of W_in, W_rec and W_out after
 * each of {@code trials} trials of the same demonstration.
 *
 * @param trials demonstration trials, one weight update after each
 * @param optimizer plain gradient descent or Adam
 * @param learningRate step size of the optimiser
 * @param feedback symmetric (B = W_out) or fixed random feedback
 * @param feedbackSeed seed of the random feedback weights
 * @param rateRegularisation weight c of the firing-rate regulariser {@code c/2 sum_j (f_j - f0)^2}
 *     (f in spikes per step)
 * @param targetRateHz the regulariser's target rate f0
 */
public record EpropConfig(
    int trials,
    EpropOptimizer optimizer,
    double learningRate,
    EpropFeedback feedback,
    long feedbackSeed,
    double rateRegularisation,
    double targetRateHz) {

  public EpropConfig {
    if (trials < 1) {
      throw new IllegalArgumentException("e-prop: at least one trial");
    }
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(feedback, "feedback");
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("e-prop: learning rate must be positive and finite");
    }
    if (!(rateRegularisation >= 0) || Double.isInfinite(rateRegularisation)) {
      throw new IllegalArgumentException("e-prop: rate regularisation must be >= 0 and finite");
    }
    if (!(targetRateHz >= 0) || Double.isInfinite(targetRateHz)) {
      throw new IllegalArgumentException("e-prop: target rate must be >= 0 and finite");
    }
  }

  /** Ten trials of Adam (learning rate 0.003), symmetric feedback, rate regulariser 0.25 to 20 Hz. */
  public static EpropConfig defaults() {
    return new EpropConfig(10, EpropOptimizer.ADAM, 3e-3, EpropFeedback.SYMMETRIC, 1, 0.25, 20.0);
  }

  /** The same settings with another number of trials. */
  public EpropConfig withTrials(int k) {
    return new EpropConfig(k, optimizer, learningRate, feedback, feedbackSeed, rateRegularisation, targetRateHz);
  }
}
