package io.engram.config.calibration;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The result of a crossbar calibration for one array.
 *
 * <p>Devices are numbered {@code (row * columns + column) * devicesPerCell + d}, where {@code d =
 * 2k} is G+ of pair k (0 = least significant) and {@code 2k + 1} its G-. Array components are
 * copied in and out; {@link #equals} compares their contents.
 *
 * @param created when the array was calibrated
 * @param rows rows of the array
 * @param columns columns of the array
 * @param devicesPerCell devices per cell, 2 per differential pair
 * @param stuckSet devices found stuck at SET (always Gmax), ascending
 * @param stuckReset devices found stuck at RESET (always 0), ascending
 * @param remedy what the array does about them
 * @param columnGain per-column gain of the affine output correction
 * @param columnOffset per-column offset of the affine output correction, in weight units
 * @param driftReference per-column probe reads taken right after programming (ADC codes summed
 *     over one-hot row reads), the reference of drift compensation
 * @param refreshRatio the drift reference is refreshed at device ages growing by this factor
 *     (power-law drift: equal ratios of age cost equal drift)
 * @param verifyPulses the program-and-verify pulse budget the tuning chose
 * @param verifyToleranceUs the program-and-verify tolerance it chose (uS)
 */
public record CrossbarCalibration(
    Instant created,
    int rows,
    int columns,
    int devicesPerCell,
    int[] stuckSet,
    int[] stuckReset,
    FaultRemedy remedy,
    double[] columnGain,
    double[] columnOffset,
    double[] driftReference,
    double refreshRatio,
    int verifyPulses,
    double verifyToleranceUs) {

  public CrossbarCalibration {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(remedy, "remedy");
    if (rows < 1 || columns < 1 || devicesPerCell < 2 || devicesPerCell % 2 != 0) {
      throw new IllegalArgumentException("an array needs rows, columns and an even number"
          + " (>= 2) of devices per cell, got " + rows + " x " + columns + " x " + devicesPerCell);
    }
    long devices = (long) rows * columns * devicesPerCell;
    stuckSet = checkedDevices("stuck-set", stuckSet, devices);
    stuckReset = checkedDevices("stuck-reset", stuckReset, devices);
    columnGain = perColumn("column-gain", columnGain, columns);
    columnOffset = perColumn("column-offset", columnOffset, columns);
    driftReference = perColumn("drift-reference", driftReference, columns);
    if (!(refreshRatio > 1) || Double.isInfinite(refreshRatio)) {
      throw new IllegalArgumentException("refresh ratio must be a finite number > 1");
    }
    if (verifyPulses < 1) {
      throw new IllegalArgumentException("verify pulses must be at least 1");
    }
    if (!(verifyToleranceUs >= 0)) {
      throw new IllegalArgumentException("verify tolerance must be >= 0 uS");
    }
  }

  @Override
  public int[] stuckSet() {
    return stuckSet.clone();
  }

  @Override
  public int[] stuckReset() {
    return stuckReset.clone();
  }

  @Override
  public double[] columnGain() {
    return columnGain.clone();
  }

  @Override
  public double[] columnOffset() {
    return columnOffset.clone();
  }

  @Override
  public double[] driftReference() {
    return driftReference.clone();
  }

  /** Number of stuck devices found. */
  public int stuckDevices() {
    return stuckSet.length + stuckReset.length;
  }

  /**
   * The device age (s) at which the drift reference is next due, after it was last taken at
   * {@code lastAgeSeconds} (at least 1 s).
   */
  public double nextRefreshAge(double lastAgeSeconds) {
    return Math.max(1, lastAgeSeconds) * refreshRatio;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CrossbarCalibration c
        && created.equals(c.created)
        && rows == c.rows
        && columns == c.columns
        && devicesPerCell == c.devicesPerCell
        && Arrays.equals(stuckSet, c.stuckSet)
        && Arrays.equals(stuckReset, c.stuckReset)
        && remedy == c.remedy
        && Arrays.equals(columnGain, c.columnGain)
        && Arrays.equals(columnOffset, c.columnOffset)
        && Arrays.equals(driftReference, c.driftReference)
        && Double.compare(refreshRatio, c.refreshRatio) == 0
        && verifyPulses == c.verifyPulses
        && Double.compare(verifyToleranceUs, c.verifyToleranceUs) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(created, rows, columns, devicesPerCell, Arrays.hashCode(stuckSet),
        Arrays.hashCode(stuckReset), remedy, Arrays.hashCode(columnGain),
        Arrays.hashCode(columnOffset), Arrays.hashCode(driftReference), refreshRatio,
        verifyPulses, verifyToleranceUs);
  }

  @Override
  public String toString() {
    return "CrossbarCalibration[" + rows + " x " + columns + ", " + stuckSet.length
        + " stuck at SET, " + stuckReset.length + " stuck at RESET, remedy " + remedy
        + ", created " + created + "]";
  }

  private static int[] checkedDevices(String what, int[] devices, long count) {
    int[] copy = devices.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] < 0 || copy[i] >= count || (i > 0 && copy[i] <= copy[i - 1])) {
        throw new IllegalArgumentException(
            what + " must list device numbers in [0, " + count + ") in ascending order");
      }
    }
    return copy;
  }

  private static double[] perColumn(String what, double[] values, int columns) {
    if (values.length != columns) {
      throw new IllegalArgumentException(
          what + " needs one value per column (" + columns + "), got " + values.length);
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(what + " values must be finite");
      }
    }
    return values.clone();
  }
}
