package io.engram.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.npy.NpyArray;
import io.engram.npy.NpzWriter;
import io.engram.snn.NetworkShape;
import io.engram.synapse.WeightMatrix;
import io.engram.testing.SharedReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaParameterBundleTest {

  /** A small layout so fixtures stay tiny: trainee 2-3-1, LSG 4-5-3. */
  private static final BundleLayout SMALL =
      new BundleLayout(new NetworkShape(2, 3, 0, 1), new NetworkShape(4, 3, 2, 3));

  @TempDir Path dir;

  private static NpyArray random(Random rng, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian();
    }
    return NpyArray.ofFloat32(new int[] {rows, cols}, v);
  }

  private static Map<String, NpyArray> complete() {
    Random rng = new Random(7);
    Map<String, NpyArray> m = new LinkedHashMap<>();
    m.put("W_in_trainee", random(rng, 2, 3));
    m.put("W_rec_trainee", random(rng, 3, 3));
    m.put("W_out_trainee", random(rng, 3, 1));
    m.put("W_in_lsg", random(rng, 4, 5));
    m.put("W_rec_lsg", random(rng, 5, 5));
    m.put("W_out_lsg", random(rng, 5, 3));
    return m;
  }

  private Path write(Map<String, NpyArray> arrays) throws Exception {
    Path file = Files.createTempFile(dir, "bundle", ".npz");
    NpzWriter.write(file, arrays, true);
    return file;
  }

  @Test
  void readsACompleteBundleAndRoundTrips() throws Exception {
    Map<String, NpyArray> arrays = complete();
    MetaParameters meta = MetaParameterBundle.read(write(arrays), SMALL, true);
    assertTrue(meta.hasLearningSignalGenerator());
    assertEquals(arrays.get("W_rec_lsg").get(7), meta.lsgRecurrent().get(1, 2));
    Path copy = dir.resolve("copy.npz");
    MetaParameterBundle.write(copy, meta);
    assertEquals(meta, MetaParameterBundle.read(copy, SMALL, true));
  }

  @Test
  void theLsgIsOptionalWhenNotRequired() throws Exception {
    Map<String, NpyArray> arrays = complete();
    arrays.remove("W_in_lsg");
    arrays.remove("W_rec_lsg");
    arrays.remove("W_out_lsg");
    Path file = write(arrays);
    assertFalse(MetaParameterBundle.read(file, SMALL, false).hasLearningSignalGenerator());
    InvalidBundleException e =
        assertThrows(InvalidBundleException.class, () -> MetaParameterBundle.read(file, SMALL, true));
    assertTrue(e.getMessage().contains("W_in_lsg"), e.getMessage());
  }

  @Test
  void aPartialLsgIsRejectedEvenWhenNotRequired() throws Exception {
    Map<String, NpyArray> arrays = complete();
    arrays.remove("W_out_lsg");
    Path file = write(arrays);
    assertThrows(InvalidBundleException.class, () -> MetaParameterBundle.read(file, SMALL, false));
  }

  @Test
  void rejectsWrongShapesDtypesAndNonFiniteWeights() throws Exception {
    Map<String, NpyArray> shape = complete();
    shape.put("W_rec_trainee", random(new Random(1), 3, 4));
    InvalidBundleException e =
        assertThrows(InvalidBundleException.class, () -> MetaParameterBundle.read(write(shape), SMALL, true));
    assertTrue(e.getMessage().contains("W_rec_trainee") && e.getMessage().contains("(3, 4)"), e.getMessage());

    Map<String, NpyArray> bool = complete();
    bool.put("W_out_trainee", NpyArray.ofBool(new int[] {3, 1}, new boolean[3]));
    assertThrows(InvalidBundleException.class, () -> MetaParameterBundle.read(write(bool), SMALL, true));

    Map<String, NpyArray> nan = complete();
    double[] v = nan.get("W_in_lsg").toDoubles();
    v[13] = Double.POSITIVE_INFINITY;
    nan.put("W_in_lsg", NpyArray.ofFloat64(new int[] {4, 5}, v));
    e = assertThrows(InvalidBundleException.class, () -> MetaParameterBundle.read(write(nan), SMALL, true));
    assertTrue(e.getMessage().contains("W_in_lsg[2][3]"), e.getMessage());
  }

  @Test
  void rejectsAnUnreadableFileClearly() throws Exception {
    Path junk = dir.resolve("junk.npz");
    Files.write(junk, new byte[] {1, 2, 3});
    InvalidBundleException e =
        assertThrows(InvalidBundleException.class, () -> MetaParameterBundle.read(junk, SMALL, true));
    assertTrue(e.getMessage().contains("junk.npz"), e.getMessage());
  }

  @Test
  void layoutNeedsOneLearningSignalPerTraineeNeuron() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new BundleLayout(new NetworkShape(2, 3, 0, 1), new NetworkShape(4, 3, 2, 4)));
  }

  @Test
  void readsTheReleasedBundle() throws Exception {
    MetaParameters meta = MetaParameterBundle.read(SharedReference.metaBundle(), BundleLayout.reference(), true);
    assertEquals(250, meta.traineeRecurrent().rows());
    assertEquals(800, meta.lsgRecurrent().columns());
    assertTrue(meta.traineeInput().maxAbs() > 1, "the released W_in exceeds 1 (up to about 2.47)");
    WeightMatrix out = meta.traineeReadout();
    assertEquals(2, out.columns());
  }
}
