package io.engram.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the shared reference data ({@code ../shared/reference} beside the repository root) for
 * tests, and skips the calling test with a clear message when it is absent.
 *
 * <p>The root comes from the system property {@value #ROOT_PROPERTY}, which the build sets to the
 * reactor root; without it, the working directory and its parent are tried.
 */
public final class SharedReference {

  /** System property naming the repository root. */
  public static final String ROOT_PROPERTY = "engram.repo.root";

  /** The authors' released meta-parameters. */
  public static final String META_BUNDLE = "ortner2025-robot-meta.npz";

  /** Golden tasks with the float64 reference's outputs. */
  public static final String GOLDEN_TASKS = "golden-tasks.npz";

  private SharedReference() {}

  /**
   * The reference directory, or null when it cannot be found: {@code ROOT/../shared/reference},
   * else the nearest {@code shared/reference} beside a further ancestor of the root (a git worktree
   * kept in a subfolder next to the main checkout).
   */
  public static Path findDirectory() {
    String property = System.getProperty(ROOT_PROPERTY);
    Path root =
        (property != null ? Paths.get(property) : Paths.get("")).toAbsolutePath().normalize();
    if (property == null && !Files.isDirectory(root.resolve("runtime"))) {
      root = root.getParent() != null ? root.getParent() : root; // run from a module directory
    }
    for (Path p = root.getParent(); p != null; p = p.getParent()) {
      Path dir = p.resolve("shared").resolve("reference");
      if (Files.isDirectory(dir)) {
        return dir;
      }
    }
    return null;
  }

  /**
   * A file of the reference directory; skips the test (JUnit assumption) when it is absent.
   *
   * @param name file name inside {@code shared/reference}
   */
  public static Path file(String name) {
    Path dir = findDirectory();
    assumeTrue(
        dir != null,
        () ->
            "skipped: shared reference data not found (expected ../shared/reference beside the"
                + " repository root; "
                + ROOT_PROPERTY
                + "="
                + System.getProperty(ROOT_PROPERTY)
                + ")");
    Path file = dir.resolve(name);
    assumeTrue(Files.isRegularFile(file), () -> "skipped: reference file " + file + " is absent");
    return file;
  }

  /** The released meta-parameter bundle; skips the test when absent. */
  public static Path metaBundle() {
    return file(META_BUNDLE);
  }

  /** The golden tasks; skips the test when absent. */
  public static Path goldenTasks() {
    return file(GOLDEN_TASKS);
  }
}
