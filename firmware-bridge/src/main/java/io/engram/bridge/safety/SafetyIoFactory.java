package io.engram.bridge.safety;

import io.engram.config.GpioConfig;

/** Chooses the safety I/O the configuration names. */
public final class SafetyIoFactory {
  private SafetyIoFactory() {}

  /** Simulated safety I/O, or the board's pins through Pi4J's gpiod provider. */
  public static SafetyIo create(GpioConfig config) {
    switch (config.provider()) {
      case PI4J:
        return Pi4jSafetyIo.onBoard(config);
      case SIMULATED:
      default:
        return new SimulatedSafetyIo(config);
    }
  }
}
