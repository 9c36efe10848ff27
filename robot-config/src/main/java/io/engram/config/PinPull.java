package io.engram.config;

/** Internal pull resistor of a GPIO input. */
public enum PinPull {
  UP,
  DOWN,
  OFF
}
