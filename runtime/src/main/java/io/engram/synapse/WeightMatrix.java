package io.engram.synapse;

import java.util.Arrays;

/**
 * An immutable dense weight matrix laid out [from][to] and stored row-major: {@code rows}
 * presynaptic sources by {@code columns} postsynaptic targets.
 */
public final class WeightMatrix {

  private final int rows;
  private final int columns;
  private final double[] values;

  private WeightMatrix(int rows, int columns, double[] values) {
    if (rows < 0 || columns < 0 || (long) rows * columns != values.length) {
      throw new IllegalArgumentException(
          rows + " x " + columns + " matrix cannot hold " + values.length + " values");
    }
    this.rows = rows;
    this.columns = columns;
    this.values = values;
  }

  /** A matrix holding a copy of {@code values} (row-major). */
  public static WeightMatrix of(int rows, int columns, double[] values) {
    return new WeightMatrix(rows, columns, values.clone());
  }

  /** A matrix of zeros. */
  public static WeightMatrix zeros(int rows, int columns) {
    return new WeightMatrix(rows, columns, new double[Math.multiplyExact(rows, columns)]);
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  /** The weight from source {@code row} to target {@code column}. */
  public double get(int row, int column) {
    return values[row * columns + column];
  }

  /** A copy of the values, row-major. */
  public double[] toArray() {
    return values.clone();
  }

  /** Copies the values (row-major) into {@code out} starting at {@code offset}. */
  public void copyInto(double[] out, int offset) {
    System.arraycopy(values, 0, out, offset, values.length);
  }

  /** This matrix with its main diagonal set to zero (square matrices only). */
  public WeightMatrix withZeroDiagonal() {
    if (rows != columns) {
      throw new IllegalStateException("not square: " + rows + " x " + columns);
    }
    double[] v = values.clone();
    for (int i = 0; i < rows; i++) {
      v[i * columns + i] = 0.0;
    }
    return new WeightMatrix(rows, columns, v);
  }

  /** The rows of this matrix followed by the rows of {@code below} (same number of columns). */
  public WeightMatrix stack(WeightMatrix below) {
    if (below.columns != columns) {
      throw new IllegalArgumentException(
          "cannot stack " + below.rows + " x " + below.columns + " below " + rows + " x " + columns);
    }
    double[] v = Arrays.copyOf(values, values.length + below.values.length);
    System.arraycopy(below.values, 0, v, values.length, below.values.length);
    return new WeightMatrix(rows + below.rows, columns, v);
  }

  /** The largest absolute value, or 0 for an empty matrix. */
  public double maxAbs() {
    double m = 0;
    for (double x : values) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeightMatrix
        && ((WeightMatrix) o).rows == rows
        && ((WeightMatrix) o).columns == columns
        && Arrays.equals(((WeightMatrix) o).values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + columns) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "WeightMatrix[" + rows + " x " + columns + "]";
  }
}
