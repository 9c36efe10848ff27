package io.engram.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Safety I/O: the emergency-stop input, the motor-enable output and an optional status LED.
 *
 * @param provider simulated board or Pi4J
 * @param estop emergency-stop input; asserted means stop
 * @param motorEnable output that powers the motor drivers while asserted
 * @param statusLed optional status LED
 */
public record GpioConfig(
    GpioProvider provider,
    GpioInputConfig estop,
    GpioOutputConfig motorEnable,
    Optional<GpioOutputConfig> statusLed) {

  public GpioConfig {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(estop, "estop");
    Objects.requireNonNull(motorEnable, "motorEnable");
    Objects.requireNonNull(statusLed, "statusLed");
  }

  /**
   * Simulated board. E-stop on BCM 17, asserted high with the pull-up on: a normally closed
   * switch to ground holds the pin low, so pressing it or breaking its wire stops the arm. Motor
   * enable on BCM 27 (active high), no status LED.
   */
  public static GpioConfig defaults() {
    return new GpioConfig(
        GpioProvider.SIMULATED,
        new GpioInputConfig(17, ActiveLevel.HIGH, PinPull.UP, Duration.ofMillis(5)),
        new GpioOutputConfig(27, ActiveLevel.HIGH),
        Optional.empty());
  }
}
