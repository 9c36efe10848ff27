package io.engram.npy;

import java.util.Arrays;

/**
 * An immutable n-dimensional array read from or written to a NumPy {@code .npy} file, in C
 * (row-major) order. Float32 elements are held widened to double, which is exact.
 */
public final class NpyArray {

  private final NpyDType dtype;
  private final int[] shape;
  private final double[] numbers;
  private final boolean[] flags;

  private NpyArray(NpyDType dtype, int[] shape, double[] numbers, boolean[] flags) {
    this.dtype = dtype;
    this.shape = shape.clone();
    this.numbers = numbers;
    this.flags = flags;
    long size = sizeOf(this.shape);
    int actual = numbers != null ? numbers.length : flags.length;
    if (size != actual) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " holds " + size + " elements, got " + actual);
    }
  }

  /**
   * A float32 array; the values are rounded to float32 now, so that what is held is what a write
   * stores.
   */
  public static NpyArray ofFloat32(int[] shape, double[] values) {
    double[] rounded = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      rounded[i] = (float) values[i];
    }
    return new NpyArray(NpyDType.FLOAT32, shape, rounded, null);
  }

  /** A float64 array (the values are copied). */
  public static NpyArray ofFloat64(int[] shape, double[] values) {
    return new NpyArray(NpyDType.FLOAT64, shape, values.clone(), null);
  }

  /** A bool array (the values are copied). */
  public static NpyArray ofBool(int[] shape, boolean[] values) {
    return new NpyArray(NpyDType.BOOL, shape, null, values.clone());
  }

  /** Wraps freshly decoded storage without copying (for the reader). */
  static NpyArray wrap(NpyDType dtype, int[] shape, double[] numbers, boolean[] flags) {
    return new NpyArray(dtype, shape, numbers, flags);
  }

  public NpyDType dtype() {
    return dtype;
  }

  /** The shape; a scalar has the empty shape. */
  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** The extent of one axis. */
  public int dim(int axis) {
    return shape[axis];
  }

  /** The number of elements. */
  public int size() {
    return numbers != null ? numbers.length : flags.length;
  }

  /** Whether the shape equals {@code expected} exactly. */
  public boolean hasShape(int... expected) {
    return Arrays.equals(shape, expected);
  }

  /** One element by flat C-order index, as a number (booleans as 0 or 1). */
  public double get(int flatIndex) {
    return numbers != null ? numbers[flatIndex] : (flags[flatIndex] ? 1.0 : 0.0);
  }

  /** A copy of all elements as numbers in C order (booleans as 0 or 1). */
  public double[] toDoubles() {
    if (numbers != null) {
      return numbers.clone();
    }
    double[] out = new double[flags.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = flags[i] ? 1.0 : 0.0;
    }
    return out;
  }

  /**
   * A copy of all elements as booleans in C order.
   *
   * @throws IllegalStateException if the array is not of dtype bool
   */
  public boolean[] toBooleans() {
    if (flags == null) {
      throw new IllegalStateException("array of dtype " + dtype + " is not boolean");
    }
    return flags.clone();
  }

  /** The shape as NumPy prints it, e.g. {@code (6, 249, 2)}. */
  public String shapeString() {
    return shapeString(shape);
  }

  static String shapeString(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(shape[i]);
    }
    if (shape.length == 1) {
      sb.append(',');
    }
    return sb.append(')').toString();
  }

  static long sizeOf(int[] shape) {
    long size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative extent in shape " + Arrays.toString(shape));
      }
      size *= d;
      if (size > Integer.MAX_VALUE) {
        return Long.MAX_VALUE;
      }
    }
    return size;
  }

  @Override
  public String toString() {
    return "NpyArray[" + dtype.descr() + " " + shapeString() + "]";
  }
}
