package io.engram.synapse;

/**
 * The float reference model of a {@link SynapticMatrix}: weights held exactly in double
 * precision, products computed over the active rows only.
 */
public final class FloatSynapticMatrix implements SynapticMatrix {

  private final int rows;
  private final int columns;
  private final double[] weights;

  /** A matrix of zeros. */
  public FloatSynapticMatrix(int rows, int columns) {
    this.rows = rows;
    this.columns = columns;
    this.weights = new double[Math.multiplyExact(rows, columns)];
  }

  /** A matrix programmed to {@code initial}. */
  public static FloatSynapticMatrix of(WeightMatrix initial) {
    FloatSynapticMatrix m = new FloatSynapticMatrix(initial.rows(), initial.columns());
    initial.copyInto(m.weights, 0);
    return m;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int columns() {
    return columns;
  }

  @Override
  public void accumulateRows(int[] activeRows, int count, double[] out) {
    final int n = columns;
    final double[] w = weights;
    for (int k = 0; k < count; k++) {
      int base = activeRows[k] * n;
      for (int c = 0; c < n; c++) {
        out[c] += w[base + c];
      }
    }
  }

  @Override
  public long program(double[] target) {
    checkLength(target);
    System.arraycopy(target, 0, weights, 0, weights.length);
    return weights.length;
  }

  @Override
  public long update(double[] delta) {
    checkLength(delta);
    long written = 0;
    for (int i = 0; i < weights.length; i++) {
      double next = weights[i] + delta[i];
      if (next != weights[i]) {
        weights[i] = next;
        written++;
      }
    }
    return written;
  }

  @Override
  public void read(double[] out) {
    checkLength(out);
    System.arraycopy(weights, 0, out, 0, weights.length);
  }

  private void checkLength(double[] a) {
    if (a.length != weights.length) {
      throw new IllegalArgumentException(
          "expected " + rows + " x " + columns + " = " + weights.length + " values, got " + a.length);
    }
  }
}
