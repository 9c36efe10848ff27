package io.engram.config;

/** The electrical level at which a GPIO signal is asserted. */
public enum ActiveLevel {
  HIGH,
  LOW;

  /** Whether a pin reading {@code high} means the signal is asserted. */
  public boolean isAsserted(boolean high) {
    return high == (this == HIGH);
  }
}
