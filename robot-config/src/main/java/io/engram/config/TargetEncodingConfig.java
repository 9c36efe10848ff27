package io.engram.config;

/**
 * How the target end-effector trajectory enters the LSG: per coordinate c (m) and step, bit k
 * (least significant first) of {@code (long) ((c + offset) * scale)}, bits 0..bits-1, as one
 * binary channel each; values beyond the bits wrap.
 *
 * @param bits binary channels per coordinate
 * @param offsetM added to the coordinate before scaling (m)
 * @param scale multiplies the shifted coordinate before truncation (1/m)
 */
public record TargetEncodingConfig(int bits, double offsetM, double scale) {

  public TargetEncodingConfig {
    if (bits < 1 || bits > 62 || !Double.isFinite(offsetM) || !(scale > 0)) {
      throw new IllegalArgumentException("target encoding: 1..62 bits and a positive scale");
    }
  }

  /** 16 bits of int((c + 1) 2^15). */
  public static TargetEncodingConfig defaults() {
    return new TargetEncodingConfig(16, 1.0, 32768.0);
  }

  /** Channels for the three coordinates. */
  public int channels() {
    return 3 * bits;
  }
}
