package io.engram.config;

/**
 * Classic e-prop.
 *
 * @param trials demonstration trials, one weight update after each
 */
public record EpropConfig(int trials) {

  public EpropConfig {
    if (trials < 1) {
      throw new IllegalArgumentException("e-prop: at least one trial");
    }
  }

  public static EpropConfig defaults() {
    return new EpropConfig(5);
  }
}
