package io.engram.telemetry;

import io.engram.crossbar.CrossbarArray;
import java.util.Objects;

/**
 * The state of the crossbar holding the plastic weights.
 *
 * @param rows array rows
 * @param columns array columns
 * @param compensation drift-compensation factor of every column (1 without compensation)
 * @param stuckDevices devices that are stuck
 * @param devices devices in the array
 * @param cellsSaturated cells whose last programmed target was clipped
 * @param unverifiedWrites device writes of the last programming that ended outside tolerance
 */
public record CrossbarHealth(
    int rows,
    int columns,
    double[] compensation,
    long stuckDevices,
    long devices,
    long cellsSaturated,
    long unverifiedWrites) {

  public CrossbarHealth {
    Objects.requireNonNull(compensation, "compensation");
  }

  /** The figures of {@code array} now (reads its compensation factors). */
  public static CrossbarHealth of(CrossbarArray array) {
    double[] factors = new double[array.columns()];
    for (int c = 0; c < factors.length; c++) {
      factors[c] = array.compensation(c);
    }
    long devices = (long) array.rows() * array.columns() * array.devicesPerCell();
    return new CrossbarHealth(array.rows(), array.columns(), factors, array.stuckDevices(), devices,
        array.lastProgramming().cellsSaturated(), array.lastProgramming().unverified());
  }
}
