package io.engram.config;

/** Where a learned readout matrix lives. */
public enum ReadoutPlacement {
  /** Exact weights in the controller's memory, as the reference keeps W_out. */
  SOFTWARE,
  /** Programmed on a crossbar array of the configured device, read back through it. */
  CROSSBAR
}
