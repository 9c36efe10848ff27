package io.engram.config;

/** Which GPIO implementation drives the safety I/O. */
public enum GpioProvider {
  /** An in-process simulated board; for the emulated arm and desk runs. */
  SIMULATED,
  /** The board's pins through Pi4J. */
  PI4J
}
