package io.engram.bridge.safety;

/** What the status LED shows: off, steadily on while running, blinking on a fault or e-stop. */
public enum StatusLight {
  OFF,
  READY,
  RUNNING,
  FAULT
}
