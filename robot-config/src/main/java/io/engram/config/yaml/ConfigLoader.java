package io.engram.config.yaml;

import io.engram.config.ConfigException;
import io.engram.config.ConfigProblem;
import io.engram.config.EngramConfig;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;


/**
 * Reads Engram configuration files (YAML).
 *
 * <p>Strict: unknown keys, wrong types, out-of-range values and sections that do not fit together
 * are errors. Reading does not stop at the first: a {@link ConfigException} carries every problem
 * of the file, each with its key path, line and column. Missing keys take the documented defaults
 * (see {@link ConfigReference}). Angles are written in degrees (keys ending in {@code -deg}) and
 * held in radians; relative file paths start at the configuration file's directory.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /** Reads {@code file}. */
  public static EngramConfig load(Path file) throws ConfigException {
    return read(file).config();
  }

  /** Reads {@code file}, keeping the resolved values for display. */
  public static LoadedConfig read(Path file) throws ConfigException {
    String source = file.toString();
    String text = TextFile.read(file, "a configuration");
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, source, dir == null ? Path.of("").toAbsolutePath() : dir);
  }

  /**
   * Reads configuration text.
   *
   * @param yaml the text
   * @param source name used in error messages
   * @param baseDir where relative file paths start
   */
  public static LoadedConfig parse(String yaml, String source, Path baseDir) throws ConfigException {
    YamlTree.Parsed parsed = YamlTree.parse(yaml);
    ReadContext ctx = ReadContext.forFile(baseDir);
    parsed.problems().forEach(ctx::report);
    YamlNode root = parsed.root();
    if (root == null && !ctx.hasProblems()) {
      ctx.report(ConfigProblem.at("", "the file is empty; it needs at least the robot section"));
    } else if (root != null && !(root instanceof YamlNode.Mapping)) {
      ctx.report(new ConfigProblem("", root.line(), root.column(),
          "expected a mapping of sections (robot, link, network, ...), got " + root.describe()));
    }
    if (ctx.hasProblems() && !(root instanceof YamlNode.Mapping)) {
      throw new ConfigException(source, ctx.problems());
    }
    Section top = Section.root(ctx, (YamlNode.Mapping) root);
    EngramConfig config = ConfigSchema.read(top, ctx, root);
    if (config == null || ctx.hasProblems()) {
      throw new ConfigException(source, sorted(ctx.problems()));
    }
    return new LoadedConfig(config, source, top.resolved());
  }

  private static List<ConfigProblem> sorted(List<ConfigProblem> problems) {
    return problems.stream()
        .sorted(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column))
        .toList();
  }

  /** Every key of the schema, for {@link ConfigReference}. */
  static List<ReferenceRow> referenceRows() {
    ReadContext ctx = ReadContext.forReference();
    ConfigSchema.read(Section.root(ctx, null), ctx, null);
    return ctx.reference();
  }
}
