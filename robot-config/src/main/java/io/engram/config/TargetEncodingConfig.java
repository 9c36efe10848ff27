package io.engram.config;

/**
 * How the target end-effector trajectory enters the LSG: per coordinate c (m) and step, bit k
 * (least significant first) of {@code (long) ((c + offset) * scale)}, bits 0..bits-1, as one
 * binary channel each; values beyond the bits wrap. At step t the LSG reads the target of step
 * {@code min(t + leadSteps, steps - 1)}: the demonstration is recorded whole before the update, so
 * the LSG may read it ahead of the trainee's clock (0 is the reference's encoding).
 *
 * @param bits binary channels per coordinate
 * @param offsetM added to the coordinate before scaling (m)
 * @param scale multiplies the shifted coordinate before truncation (1/m)
 * @param leadSteps steps the LSG reads the target ahead of the trial's step (0 or more)
 */
public record TargetEncodingConfig(int bits, double offsetM, double scale, int leadSteps) {

  /** Largest lead accepted; far beyond any trial of the task family. */
  public static final int MAX_LEAD_STEPS = 100_000;

  public TargetEncodingConfig {
    if (bits < 1 || bits > 62 || !Double.isFinite(offsetM) || !(scale > 0)) {
      throw new IllegalArgumentException("target encoding: 1..62 bits and a positive scale");
    }
    if (leadSteps < 0 || leadSteps > MAX_LEAD_STEPS) {
      throw new IllegalArgumentException(
          "target encoding: lead steps must be 0.." + MAX_LEAD_STEPS + ", got " + leadSteps);
    }
  }

  /** 16 bits of int((c + 1) 2^15), no lead. */
  public static TargetEncodingConfig defaults() {
    return new TargetEncodingConfig(16, 1.0, 32768.0, 0);
  }

  /** This encoding with another lead. */
  public TargetEncodingConfig withLeadSteps(int steps) {
    return new TargetEncodingConfig(bits, offsetM, scale, steps);
  }

  /** Channels for the three coordinates. */
  public int channels() {
    return 3 * bits;
  }
}
