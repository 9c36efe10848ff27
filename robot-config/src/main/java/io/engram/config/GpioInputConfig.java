package io.engram.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A digital input.
 *
 * @param pin BCM pin number
 * @param active level at which the input is asserted
 * @param pull internal pull resistor
 * @param debounce how long a level must hold before it counts
 */
public record GpioInputConfig(int pin, ActiveLevel active, PinPull pull, Duration debounce) {

  public GpioInputConfig {
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(pull, "pull");
    Objects.requireNonNull(debounce, "debounce");
    if (pin < 0 || debounce.isNegative()) {
      throw new IllegalArgumentException("GPIO input: pin and debounce must not be negative");
    }
  }
}
