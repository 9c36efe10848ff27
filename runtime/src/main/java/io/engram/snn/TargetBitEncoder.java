package io.engram.snn;

import io.engram.config.TargetEncodingConfig;

/**
 * Encodes a target trajectory as binary input channels: for each coordinate c of each step,
 * channel {@code coordinate * bits + k} spikes when bit k (least significant first) of {@code
 * (long) ((c + offset) * scale)} is set. Truncation toward zero and the wrap of values beyond
 * {@code bits} bits are part of the encoding. Step t encodes the row {@code min(t + lead, steps -
 * 1)}: with a lead the encoded trajectory runs ahead and holds its last row at the end.
 *
 * @param coordinates values per step (3 for an end-effector position)
 * @param bits channels per coordinate
 * @param offset added to each coordinate before scaling
 * @param scale multiplier applied after the offset
 * @param lead rows the encoding runs ahead of the step (0: none)
 */
public record TargetBitEncoder(int coordinates, int bits, double offset, double scale, int lead) {

  public TargetBitEncoder {
    if (coordinates <= 0 || bits <= 0 || bits > 62 || lead < 0) {
      throw new IllegalArgumentException("bad encoder sizes: " + this);
    }
  }

  /** The end-effector encoding as configured. */
  public static TargetBitEncoder of(TargetEncodingConfig config) {
    return new TargetBitEncoder(
        3, config.bits(), config.offsetM(), config.scale(), config.leadSteps());
  }

  /** The reference encoding of end-effector xyz (m): 16 bits of int((c + 1) * 2^15), no lead. */
  public static TargetBitEncoder reference() {
    return new TargetBitEncoder(3, 16, 1.0, 32768.0, 0);
  }

  /** Number of channels. */
  public int channels() {
    return coordinates * bits;
  }

  /**
   * Encodes {@code steps} rows of {@code coordinates} values, row-major.
   *
   * @throws IllegalArgumentException if the array length does not match or a value is not finite
   */
  public SpikeRaster encode(double[] trajectory, int steps) {
    if (trajectory.length != steps * coordinates) {
      throw new IllegalArgumentException(
          "expected " + steps + " x " + coordinates + " values, got " + trajectory.length);
    }
    SpikeRaster.Builder b = new SpikeRaster.Builder(channels(), steps);
    for (int t = 0; t < steps; t++) {
      int row = (int) Math.min((long) t + lead, steps - 1);
      for (int d = 0; d < coordinates; d++) {
        double c = trajectory[row * coordinates + d];
        if (!Double.isFinite(c)) {
          throw new IllegalArgumentException("non-finite target value at step " + row);
        }
        long code = (long) ((c + offset) * scale);
        for (int k = 0; k < bits; k++) {
          if (((code >> k) & 1L) != 0) {
            b.spike(t, d * bits + k);
          }
        }
      }
    }
    return b.build();
  }
}
