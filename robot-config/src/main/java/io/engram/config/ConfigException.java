package io.engram.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used, with every problem found in it. */
public final class ConfigException extends RuntimeException {

  private final String source;
  private final transient List<ConfigProblem> problems;

  /**
   * @param source file name or other origin the problems refer to ("" for configurations in code)
   * @param problems at least one problem
   */
  public ConfigException(String source, List<ConfigProblem> problems) {
    super(describe(source, problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** Where the configuration came from. */
  public String source() {
    return source;
  }

  /** Every problem, in file order. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String describe(String source, List<ConfigProblem> problems) {
    String head = problems.size() == 1 ? "1 configuration error" : problems.size() + " configuration errors";
    return head
        + (source.isEmpty() ? "" : " in " + source)
        + ":\n"
        + problems.stream().map(p -> "  " + p.format(source)).collect(Collectors.joining("\n"));
  }
}
