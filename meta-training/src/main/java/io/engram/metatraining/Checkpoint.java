package io.engram.metatraining;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.engram.bundle.BundleLayout;
import io.engram.bundle.InvalidBundleException;
import io.engram.npy.NpyArray;
import io.engram.npy.NpyFormatException;
import io.engram.npy.NpzArchive;
import io.engram.npy.NpzWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resumable snapshot of a run: the weights, Adam's moments (float64), the running average of
 * the weights if the run keeps one ({@code average_} members; null otherwise) and the progress, in
 * one {@code .npz} with a {@code state.json} member. Written to a temporary file and renamed, so a
 * kill at any moment leaves the previous checkpoint or the new one, never a torn file.
 */
public record Checkpoint(
    MetaWeights weights, MetaWeights adamM, MetaWeights adamV, MetaWeights average, Checkpoint.State state) {

  public static final String FILE = "checkpoint.npz";
  private static final String STATE = "state.json";
  private static final String AVERAGE = "average_";
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  /**
   * @param iteration iterations completed
   * @param adamSteps Adam steps taken
   * @param elapsedSeconds training wall time so far
   * @param bestEeCm best validation error (non-clipped tasks, cm) so far
   * @param seed the run's seed
   * @param batch the run's batch size
   */
  public record State(int iteration, long adamSteps, double elapsedSeconds, double bestEeCm, long seed, int batch) {}

  /** Writes the checkpoint atomically into {@code dir}. */
  public void write(Path dir) throws IOException {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    int[][] dims = MetaWeights.dims(weights.layout());
    for (int k = 0; k < MetaWeights.NAMES.length; k++) {
      int[] shape = dims[k];
      arrays.put(MetaWeights.NAMES[k], NpyArray.ofFloat64(shape, weights.block(k)));
      arrays.put("adam_m_" + MetaWeights.NAMES[k], NpyArray.ofFloat64(shape, adamM.block(k)));
      arrays.put("adam_v_" + MetaWeights.NAMES[k], NpyArray.ofFloat64(shape, adamV.block(k)));
      if (average != null) {
        arrays.put(AVERAGE + MetaWeights.NAMES[k], NpyArray.ofFloat64(shape, average.block(k)));
      }
    }
    Path tmp = Files.createTempFile(dir, FILE + ".", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        NpzWriter.write(out, arrays, Map.of(STATE, JSON.writeValueAsBytes(state)), false);
      }
      Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads the checkpoint of {@code dir}. */
  public static Checkpoint read(Path dir, BundleLayout layout) throws IOException {
    Path file = dir.resolve(FILE);
    NpzArchive npz = NpzArchive.read(file);
    byte[] json = npz.otherMember(STATE);
    if (json == null) {
      throw new InvalidBundleException(file + ": not a checkpoint (no " + STATE + ")");
    }
    State state = JSON.readValue(json, State.class);
    MetaWeights w = MetaWeights.zeros(layout);
    MetaWeights m = MetaWeights.zeros(layout);
    MetaWeights v = MetaWeights.zeros(layout);
    MetaWeights average = npz.contains(AVERAGE + MetaWeights.NAMES[0]) ? MetaWeights.zeros(layout) : null;
    for (int k = 0; k < MetaWeights.NAMES.length; k++) {
      copy(npz, MetaWeights.NAMES[k], w.block(k));
      copy(npz, "adam_m_" + MetaWeights.NAMES[k], m.block(k));
      copy(npz, "adam_v_" + MetaWeights.NAMES[k], v.block(k));
      if (average != null) {
        copy(npz, AVERAGE + MetaWeights.NAMES[k], average.block(k));
      }
    }
    return new Checkpoint(w, m, v, average, state);
  }

  private static void copy(NpzArchive npz, String key, double[] into) throws IOException {
    NpyArray a;
    try {
      a = npz.array(key);
    } catch (NpyFormatException e) {
      throw new InvalidBundleException(e.getMessage(), e);
    }
    double[] v = a.toDoubles();
    if (v.length != into.length) {
      throw new InvalidBundleException(
          npz.source() + ": " + key + " has " + v.length + " values, the configured networks need " + into.length);
    }
    System.arraycopy(v, 0, into, 0, v.length);
  }
}
