package io.engram.bundle;

import io.engram.config.EngramConfig;
import io.engram.config.NetworkConfig;
import io.engram.npy.Npy;
import io.engram.npy.NpyArray;
import io.engram.npy.NpyFormatException;
import io.engram.npy.NpzArchive;
import io.engram.npy.NpzWriter;
import io.engram.snn.NetworkShape;
import io.engram.synapse.WeightMatrix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes meta-parameter bundles: NumPy {@code .npz} archives holding the matrices by
 * their reference names ({@value #W_IN_TRAINEE}, {@value #W_REC_TRAINEE}, {@value
 * #W_OUT_TRAINEE}, {@value #W_IN_LSG}, {@value #W_REC_LSG}, {@value #W_OUT_LSG}), float32 or
 * float64, [from][to], and a {@value BundleManifest#MEMBER} member ({@link BundleManifest}) with
 * the network constants and the SHA-256 of every matrix. Every matrix read is checked for dtype,
 * shape (against a {@link BundleLayout}) and finite values before anything runs; {@link #load}
 * also verifies the manifest against the configuration.
 */
public final class MetaParameterBundle {

  public static final String W_IN_TRAINEE = "W_in_trainee";
  public static final String W_REC_TRAINEE = "W_rec_trainee";
  public static final String W_OUT_TRAINEE = "W_out_trainee";
  public static final String W_IN_LSG = "W_in_lsg";
  public static final String W_REC_LSG = "W_rec_lsg";
  public static final String W_OUT_LSG = "W_out_lsg";

  private static final Logger LOG = LoggerFactory.getLogger(MetaParameterBundle.class);

  private MetaParameterBundle() {}

  /**
   * Loads a bundle for a configuration with every check: the manifest (if any) must be of this
   * format version, its network constants must equal the configuration's, and the SHA-256 of every
   * matrix member must match it; then every matrix is checked for dtype, shape and finite values.
   * A bundle without a manifest is accepted from a {@link BundleOrigin#LOCAL_FILE} with a logged
   * warning and refused from the {@link BundleOrigin#NETWORK}. A task family that differs from the
   * configuration's is logged, not refused.
   *
   * @param requireLsg whether the learning-signal generator must be present
   * @throws InvalidBundleException with a message that says what does not fit
   */
  public static LoadedBundle load(
      Path file, EngramConfig config, BundleOrigin origin, boolean requireLsg) throws IOException {
    NpzArchive npz = archive(file);
    Optional<BundleManifest> manifest = verifiedManifest(npz, origin);
    if (manifest.isPresent()) {
      requireNetworkMatches(npz.source(), manifest.get(), config.network());
      List<String> task =
          BundleManifest.differences(
              manifest.get().taskFamily(),
              BundleManifest.taskFamilyTree(config.task(), config.control().integrationConstantS()));
      if (!task.isEmpty()) {
        LOG.warn(
            "{}: trained for another task family than the configured one: {}",
            npz.source(),
            String.join("; ", task));
      }
    }
    MetaParameters parameters = matrices(npz, BundleLayout.of(config.network()), requireLsg);
    return new LoadedBundle(npz.source(), parameters, manifest);
  }

  /**
   * Loads a bundle received as bytes (an MQTT payload), as {@link #load(Path, EngramConfig,
   * BundleOrigin, boolean)} does a file.
   *
   * @param name how the payload is named in errors
   */
  public static LoadedBundle load(
      byte[] payload, String name, EngramConfig config, BundleOrigin origin, boolean requireLsg)
      throws IOException {
    Path tmp = Files.createTempFile("engram-bundle", ".npz");
    try {
      Files.write(tmp, payload);
      LoadedBundle b = load(tmp, config, origin, requireLsg);
      return new LoadedBundle(name, b.parameters(), b.manifest());
    } catch (InvalidBundleException e) {
      throw new InvalidBundleException(e.getMessage().replace(tmp.toString(), name), e);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a bundle's manifest and checks its checksums, without a configuration (for {@code
   * engram bundle inspect|verify}).
   *
   * @return empty for a manifest-less bundle
   * @throws InvalidBundleException if the manifest is malformed or a checksum fails
   */
  public static Optional<BundleManifest> readManifest(Path file) throws IOException {
    return verifiedManifest(archive(file), BundleOrigin.LOCAL_FILE);
  }

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
    return matrices(archive(file), layout, requireLsg);
  }

  private static NpzArchive archive(Path file) throws IOException {
    try {
      return NpzArchive.read(file);
    } catch (NpyFormatException e) {
      throw new InvalidBundleException("unreadable bundle: " + e.getMessage(), e);
    }
  }

  private static Optional<BundleManifest> verifiedManifest(NpzArchive npz, BundleOrigin origin)
      throws InvalidBundleException {
    byte[] json = npz.otherMember(BundleManifest.MEMBER);
    if (json == null) {
      if (origin == BundleOrigin.NETWORK) {
        throw new InvalidBundleException(
            npz.source()
                + ": bundle has no "
                + BundleManifest.MEMBER
                + "; a bundle received over the network must carry a manifest with the SHA-256"
                + " of its matrices");
      }
      LOG.warn(
          "{}: bundle has no {}: its matrices are not checksummed and its network constants are"
              + " unknown (shapes are still checked)",
          npz.source(),
          BundleManifest.MEMBER);
      return Optional.empty();
    }
    BundleManifest manifest = BundleManifest.parse(json, npz.source());
    for (String key : npz.keys()) {
      String expected = manifest.sha256().get(key);
      if (expected == null) {
        throw new InvalidBundleException(
            npz.source() + ": member " + key + ".npy is not listed in the manifest's checksums");
      }
      String actual = npz.sha256(key);
      if (!expected.equalsIgnoreCase(actual)) {
        throw new InvalidBundleException(
            npz.source()
                + ": checksum of "
                + key
                + ".npy fails: manifest says SHA-256 "
                + expected
                + ", the member has "
                + actual
                + " (the bundle was altered or damaged)");
      }
    }
    for (String key : manifest.sha256().keySet()) {
      if (!npz.contains(key)) {
        throw new InvalidBundleException(
            npz.source() + ": the manifest lists " + key + ".npy but the bundle lacks it");
      }
    }
    return Optional.of(manifest);
  }

  private static void requireNetworkMatches(
      String source, BundleManifest manifest, NetworkConfig network) throws InvalidBundleException {
    List<String> d =
        BundleManifest.differences(
            BundleManifest.withImplicitDefaults(manifest.network()),
            BundleManifest.networkTree(network));
    if (!d.isEmpty()) {
      throw new InvalidBundleException(
          source
              + ": bundle was trained for other network constants than the configuration's: "
              + String.join("; ", d));
    }
  }

  private static MetaParameters matrices(NpzArchive npz, BundleLayout layout, boolean requireLsg)
      throws InvalidBundleException {
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

  /** Writes a bundle without a manifest, each matrix as a float64 member. */
  public static void write(Path file, MetaParameters meta) throws IOException {
    NpzWriter.write(file, arrays(meta), false);
  }

  /**
   * Writes a bundle with its manifest, whose checksums are filled in from the matrices written
   * (float32 members, deflated). The file is replaced atomically: a reader sees the old bundle or
   * the new one, never a partial file.
   *
   * @return the manifest as written, with its checksums
   */
  public static BundleManifest write(Path file, MetaParameters meta, BundleManifest manifest)
      throws IOException {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    Map<String, String> sums = new LinkedHashMap<>();
    for (Map.Entry<String, NpyArray> e : arrays(meta).entrySet()) {
      NpyArray a = e.getValue();
      NpyArray f32 = NpyArray.ofFloat32(a.shape(), a.toDoubles());
      arrays.put(e.getKey(), f32);
      sums.put(e.getKey(), NpzArchive.sha256Hex(Npy.encode(f32)));
    }
    BundleManifest written = manifest.withChecksums(sums);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        NpzWriter.write(out, arrays, Map.of(BundleManifest.MEMBER, written.toJson()), true);
      }
      // A temporary file is private to its owner; a bundle is for others (the board's service) to read.
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: its default permissions stand
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return written;
  }

  private static Map<String, NpyArray> arrays(MetaParameters meta) {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    put(arrays, W_IN_TRAINEE, meta.traineeInput());
    put(arrays, W_REC_TRAINEE, meta.traineeRecurrent());
    put(arrays, W_OUT_TRAINEE, meta.traineeReadout());
    if (meta.hasLearningSignalGenerator()) {
      put(arrays, W_IN_LSG, meta.lsgInput());
      put(arrays, W_REC_LSG, meta.lsgRecurrent());
      put(arrays, W_OUT_LSG, meta.lsgReadout());
    }
    return arrays;
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
