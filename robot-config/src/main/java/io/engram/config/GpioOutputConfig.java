package io.engram.config;

import java.util.Objects;

/**
 * A digital output.
 *
 * @param pin BCM pin number
 * @param active level that asserts the output
 */
public record GpioOutputConfig(int pin, ActiveLevel active) {

  public GpioOutputConfig {
    Objects.requireNonNull(active, "active");
    if (pin < 0) {
      throw new IllegalArgumentException("GPIO output: pin must not be negative");
    }
  }
}
