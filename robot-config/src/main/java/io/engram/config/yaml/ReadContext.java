package io.engram.config.yaml;

import io.engram.config.ConfigProblem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * State shared by the sections of one read: the problems found so far, where relative paths
 * start, and, when the read documents the schema instead of a file, the reference rows.
 */
final class ReadContext {

  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<ReferenceRow> reference;
  private final Path baseDir;

  private ReadContext(Path baseDir, List<ReferenceRow> reference) {
    this.baseDir = baseDir;
    this.reference = reference;
  }

  /** Reads a file whose relative paths start at {@code baseDir}. */
  static ReadContext forFile(Path baseDir) {
    return new ReadContext(baseDir, null);
  }

  /** Walks the schema with every key absent, collecting the reference. */
  static ReadContext forReference() {
    return new ReadContext(Path.of(""), new ArrayList<>());
  }

  boolean documenting() {
    return reference != null;
  }

  void document(ReferenceRow row) {
    if (reference != null) {
      reference.add(row);
    }
  }

  List<ReferenceRow> reference() {
    return reference;
  }

  void report(ConfigProblem problem) {
    if (!documenting()) {
      problems.add(problem);
    }
  }

  boolean hasProblems() {
    return !problems.isEmpty();
  }

  List<ConfigProblem> problems() {
    return problems;
  }

  Path baseDir() {
    return baseDir;
  }
}
