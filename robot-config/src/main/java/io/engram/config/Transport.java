package io.engram.config;

/** How the runtime reaches the arm's firmware. */
public enum Transport {
  /** An emulated arm in the same process, speaking the configured protocol over an in-memory link. */
  EMULATED,
  /** A serial port (USB adapter, UART or pseudo-terminal). */
  SERIAL
}
