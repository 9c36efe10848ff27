package io.engram.bundle;

import io.engram.npy.NpyArray;
import io.engram.npy.NpyFormatException;
import io.engram.npy.NpzArchive;
import io.engram.npy.NpzWriter;
import io.engram.snn.NetworkShape;
import io.engram.synapse.WeightMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes meta-parameter bundles: NumPy {@code .npz} archives holding the matrices by
 * their reference names ({@value #W_IN_TRAINEE}, {@value #W_REC_TRAINEE}, {@value
 * #W_OUT_TRAINEE}, {@value #W_IN_LSG}, {@value #W_REC_LSG}, {@value #W_OUT_LSG}), float32 or
 * float64, [from][to]. Other members are allowed and ignored here. Every matrix read is checked
 * for dtype, shape (against a {@link BundleLayout}) and finite values before anything runs.
 */
public final class MetaParameterBundle {

  public static final String W_IN_TRAINEE = "W_in_trainee";
  public static final String W_REC_TRAINEE = "W_rec_trainee";
  public static final String W_OUT_TRAINEE = "W_out_trainee";
  public static final String W_IN_LSG = "W_in_lsg";
  public static final String W_REC_LSG = "W_rec_lsg";
  public static final String W_OUT_LSG = "W_out_lsg";

  private MetaParameterBundle() {}

  /**
   * Reads a bundle.
   *
   * @param requireLsg whether the learning-signal generator must be present; when false it is
   *     read (and checked) only if the bundle holds it
   * @throws InvalidBundleException if the bundle is unreadable, lacks a required matrix, or a
   *     matrix has the wrong dtype or shape or a non-finite value
   */
  public static MetaParameters read(Path file, BundleLayout layout, boolean requireLsg)
      throws IOException {
    NpzArchive npz;
    try {
      npz = NpzArchive.read(file);
    } catch (NpyFormatException e) {
      throw new InvalidBundleException("unreadable bundle: " + e.getMessage(), e);
    }
    NetworkShape t = layout.trainee();
    WeightMatrix in = matrix(npz, W_IN_TRAINEE, t.inputs(), t.neurons());
    WeightMatrix rec = matrix(npz, W_REC_TRAINEE, t.neurons(), t.neurons());
    WeightMatrix out = matrix(npz, W_OUT_TRAINEE, t.neurons(), t.readouts());
    boolean anyLsg =
        npz.contains(W_IN_LSG) || npz.contains(W_REC_LSG) || npz.contains(W_OUT_LSG);
    if (!requireLsg && !anyLsg) {
      return MetaParameters.traineeOnly(in, rec, out);
    }
    NetworkShape l = layout.lsg();
    return new MetaParameters(
        in,
        rec,
        out,
        matrix(npz, W_IN_LSG, l.inputs(), l.neurons()),
        matrix(npz, W_REC_LSG, l.neurons(), l.neurons()),
        matrix(npz, W_OUT_LSG, l.neurons(), l.readouts()));
  }

  /** Writes a bundle, each matrix as a float64 member. */
  public static void write(Path file, MetaParameters meta) throws IOException {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    put(arrays, W_IN_TRAINEE, meta.traineeInput());
    put(arrays, W_REC_TRAINEE, meta.traineeRecurrent());
    put(arrays, W_OUT_TRAINEE, meta.traineeReadout());
    if (meta.hasLearningSignalGenerator()) {
      put(arrays, W_IN_LSG, meta.lsgInput());
      put(arrays, W_REC_LSG, meta.lsgRecurrent());
      put(arrays, W_OUT_LSG, meta.lsgReadout());
    }
    NpzWriter.write(file, arrays, false);
  }

  private static void put(Map<String, NpyArray> arrays, String key, WeightMatrix w) {
    arrays.put(key, NpyArray.ofFloat64(new int[] {w.rows(), w.columns()}, w.toArray()));
  }

  private static WeightMatrix matrix(NpzArchive npz, String key, int rows, int columns)
      throws InvalidBundleException {
    if (!npz.contains(key)) {
      throw new InvalidBundleException(
          npz.source() + ": bundle lacks " + key + " (" + rows + " x " + columns + ")");
    }
    NpyArray a;
    try {
      a = npz.array(key);
    } catch (NpyFormatException e) {
      throw new InvalidBundleException(e.getMessage(), e);
    }
    if (!a.dtype().isFloating()) {
      throw new InvalidBundleException(
          npz.source() + ": " + key + " has dtype " + a.dtype().descr() + ", expected float32 or float64");
    }
    if (!a.hasShape(rows, columns)) {
      throw new InvalidBundleException(
          npz.source()
              + ": "
              + key
              + " has shape "
              + a.shapeString()
              + ", the configuration needs ("
              + rows
              + ", "
              + columns
              + ")");
    }
    double[] v = a.toDoubles();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new InvalidBundleException(
            npz.source()
                + ": "
                + key
                + "["
                + (i / columns)
                + "]["
                + (i % columns)
                + "] is "
                + v[i]
                + "; every weight must be finite");
      }
    }
    return WeightMatrix.of(rows, columns, v);
  }
}
