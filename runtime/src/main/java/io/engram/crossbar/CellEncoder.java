package io.engram.crossbar;

import io.engram.pcm.DeviceFault;

/**
 * The fixed-point format of one cell: how a weight, in conductance codes, is split over the
 * differential pairs of the cell. Device {@code 2k} is G+ of pair k (0 = least significant), device
 * {@code 2k + 1} its G-; the cell holds {@code sum_k f_k (G+_k - G-_k)}.
 */
final class CellEncoder {

  private final int[] factor;
  private final int gMaxCode;

  CellEncoder(int[] factor, int gMaxCode) {
    this.factor = factor.clone();
    this.gMaxCode = gMaxCode;
  }

  int devicesPerCell() {
    return 2 * factor.length;
  }

  int factor(int pair) {
    return factor[pair];
  }

  /**
   * Splits {@code value} (conductance codes, signed) into device codes. The value, less what the
   * known-stuck devices of the cell contribute, fills the working devices of its sign, least
   * significant pair first, each up to Gmax, the rounding carried on to the next pair; the working
   * devices of the other sign are 0. Without faults a positive value fills G+ of pair 0 up to Gmax,
   * then G+ of pair 1 in units of its factor, and so on.
   *
   * @param known the known state of every device of the array (null when none is known stuck)
   * @param base index of the cell's first device in {@code known}
   * @param codes receives the cell's device codes
   * @return true when the value does not fit (saturation)
   */
  boolean encode(double value, DeviceFault[] known, int base, int[] codes) {
    double residual = value;
    if (known != null) {
      for (int d = 0; d < codes.length; d++) {
        DeviceFault f = known[base + d];
        if (f != DeviceFault.NONE) {
          int g = f == DeviceFault.STUCK_SET ? gMaxCode : 0;
          codes[d] = g;
          residual -= (d % 2 == 0 ? 1.0 : -1.0) * factor[d / 2] * g;
        }
      }
    }
    int own = residual >= 0 ? 0 : 1;
    double left = Math.abs(residual);
    for (int k = 0; k < factor.length; k++) {
      int d = 2 * k + own;
      if (known == null || known[base + d] == DeviceFault.NONE) {
        int g = (int) Math.rint(Math.max(0, Math.min(gMaxCode, left / factor[k])));
        codes[d] = g;
        left -= (double) factor[k] * g;
      }
      if (known == null || known[base + d + 1 - 2 * own] == DeviceFault.NONE) {
        codes[d + 1 - 2 * own] = 0;
      }
    }
    return left > 0.5 * factor[factor.length - 1];
  }
}
