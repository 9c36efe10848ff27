package io.engram.pcm;

/**
 * How devices are written: up to {@code maxPulses} programming pulses, each followed by a verify
 * read, stopping at the first read within {@code toleranceMicroSiemens} of the target. One pulse is
 * single-shot programming (no verify read is taken).
 *
 * @param maxPulses pulses allowed per device write, at least 1
 * @param toleranceMicroSiemens accepted |verify read - target|
 */
public record ProgramVerify(int maxPulses, double toleranceMicroSiemens) {

  /** One pulse, no verify. */
  public static final ProgramVerify SINGLE_SHOT = new ProgramVerify(1, Double.POSITIVE_INFINITY);

  public ProgramVerify {
    if (maxPulses < 1) {
      throw new IllegalArgumentException("maxPulses must be at least 1, got " + maxPulses);
    }
    if (!(toleranceMicroSiemens >= 0)) {
      throw new IllegalArgumentException(
          "toleranceMicroSiemens must be non-negative, got " + toleranceMicroSiemens);
    }
  }

  /** True when a device is written with a single pulse and never read back. */
  public boolean isSingleShot() {
    return maxPulses == 1;
  }
}
