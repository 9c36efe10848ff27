package io.engram.config.yaml;

import io.engram.config.ConfigNames;
import io.engram.config.ConfigProblem;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One mapping of a configuration file, read key by key against the schema.
 *
 * <p>Every accessor names its key, default, admissible values and meaning once: the same call
 * reads a file (reporting each wrong value at its line and falling back to the default so that
 * reading goes on), records the resolved value for printing, and, in a reference read, documents
 * the key. Keys that no accessor asked for are reported as unknown when the section is built.
 */
final class Section {

  private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on", "y");

  private final ReadContext ctx;
  private final String path;
  private final YamlNode.Mapping mapping;
  private final int line;
  private final int column;
  private final Map<String, Object> resolved = new LinkedHashMap<>();
  private final Set<String> consumed = new HashSet<>();
  private final boolean quiet;
  private String shownDefault;

  private Section(ReadContext ctx, String path, YamlNode.Mapping mapping, int line, int column) {
    this(ctx, path, mapping, line, column, false);
  }

  private Section(ReadContext ctx, String path, YamlNode.Mapping mapping, int line, int column,
      boolean quiet) {
    this.ctx = ctx;
    this.quiet = quiet;
    this.path = path;
    this.mapping = mapping;
    this.line = line;
    this.column = column;
  }

  /** The document's top level. */
  static Section root(ReadContext ctx, YamlNode.Mapping mapping) {
    return new Section(ctx, "", mapping, mapping == null ? 0 : mapping.line(),
        mapping == null ? 0 : mapping.column());
  }

  boolean documenting() {
    return ctx.documenting();
  }

  /** Shows {@code text} as the default of the next key documented, instead of its value. */
  Section shownDefault(String text) {
    this.shownDefault = text;
    return this;
  }

  /** Reports a value of {@code key} (or, if absent, this section) as wrong for {@code why}. */
  void invalid(String key, String why) {
    YamlNode node = mapping == null ? null : mapping.values().get(key);
    if (node != null) {
      problem(node, key, why);
    } else {
      ctx.report(new ConfigProblem(childPath(key), line, column, why));
    }
  }

  /** Values as resolved (defaults filled in), in the file's units, for printing. */
  Map<String, Object> resolved() {
    return resolved;
  }

  // ---- scalars -------------------------------------------------------------------------------

  double real(String key, double def, Bounds bounds, String doc) {
    document(key, "number, " + bounds.describe(), Bounds.number(def), doc);
    Number n = given(key, (k, node) -> number(k, node, bounds));
    return n != null ? n.doubleValue() : defaulted(key, def);
  }

  /** A number without default; NaN (and a problem) when absent or wrong. */
  double requiredReal(String key, Bounds bounds, String doc) {
    document(key, "number, " + bounds.describe(), "required", doc);
    Number n = required(key, (k, node) -> number(k, node, bounds));
    return n != null ? n.doubleValue() : Double.NaN;
  }

  /** A number that may be absent. */
  Optional<Double> optionalReal(String key, Bounds bounds, String doc) {
    document(key, "number, " + bounds.describe(), "none", doc);
    return Optional.ofNullable(given(key, (k, node) -> number(k, node, bounds))).map(Number::doubleValue);
  }

  int integer(String key, int def, Bounds bounds, String doc) {
    document(key, "integer, " + bounds.describe(), Integer.toString(def), doc);
    Integer v = given(key, (k, node) -> {
      Long whole = whole(k, node);
      if (whole != null && (!bounds.admits(whole) || whole != whole.intValue())) {
        problem(node, k, whole + " is out of range (" + bounds.describe() + ")");
        return null;
      }
      return whole == null ? null : whole.intValue();
    });
    return v != null ? v : defaulted(key, def);
  }

  long longInteger(String key, long def, String doc) {
    document(key, "integer", Long.toString(def), doc);
    Long v = given(key, this::whole);
    return v != null ? v : defaulted(key, def);
  }

  boolean flag(String key, boolean def, String doc) {
    document(key, "boolean", Boolean.toString(def), doc);
    Boolean v = given(key, (k, node) -> {
      if (!(node instanceof YamlNode.Scalar s) || s.type() != YamlNode.Scalar.Type.BOOLEAN) {
        problem(node, k, "expected true or false, got " + node.describe());
        return null;
      }
      return TRUE_WORDS.contains(s.text().toLowerCase(java.util.Locale.ROOT));
    });
    return v != null ? v : defaulted(key, def);
  }

  String text(String key, String def, String doc) {
    document(key, "string", def, doc);
    String v = given(key, this::string);
    return v != null ? v : defaulted(key, def);
  }

  /** A string without default; "" (and a problem) when absent or wrong. */
  String requiredText(String key, String doc) {
    document(key, "string", "required", doc);
    String v = required(key, this::string);
    return v != null ? v : "";
  }

  Optional<String> optionalText(String key, String doc) {
    document(key, "string", "none", doc);
    return Optional.ofNullable(given(key, this::string));
  }

  /** A file path; relative paths start at the configuration file's directory. */
  Optional<Path> optionalPath(String key, String doc) {
    document(key, "file path (relative to this file)", "none", doc);
    String v = given(key, (k, node) -> {
      String text = string(k, node);
      try {
        return text == null ? null : ctx.baseDir().resolve(text).normalize().toString();
      } catch (InvalidPathException e) {
        problem(node, k, "not a valid path: " + e.getReason());
        return null;
      }
    });
    return Optional.ofNullable(v).map(Path::of);
  }

  <E extends Enum<E>> E choice(String key, Class<E> type, E def, String doc) {
    String choices = ConfigNames.choices(type).replace("|", ", ");
    document(key, "one of " + choices, ConfigNames.of(def), doc);
    String v = given(key, (k, node) -> {
      String text = string(k, node);
      if (text != null && ConfigNames.parse(type, text).isEmpty()) {
        problem(node, k, "'" + text + "' is not one of " + choices);
        return null;
      }
      return text;
    });
    return v != null ? ConfigNames.parse(type, v).orElseThrow() : defaulted(key, def, ConfigNames.of(def));
  }

  /** A duration written in milliseconds; the key ends with {@code -ms}. */
  Duration millis(String key, Duration def, Bounds bounds, String doc) {
    return duration(key, "-ms", 1_000_000L, def, bounds, doc);
  }

  /** A duration written in seconds; the key ends with {@code -s}. */
  Duration seconds(String key, Duration def, Bounds bounds, String doc) {
    return duration(key, "-s", 1_000_000_000L, def, bounds, doc);
  }

  private Duration duration(String key, String suffix, long nanosPerUnit, Duration def, Bounds bounds,
      String doc) {
    if (!key.endsWith(suffix)) {
      throw new IllegalStateException("duration key " + key + " must end with " + suffix);
    }
    double defUnits = def.toNanos() / (double) nanosPerUnit;
    double v = real(key, defUnits, bounds, doc);
    return Duration.ofNanos(Math.round(v * nanosPerUnit));
  }

  /**
   * The value of {@code key} as {@code parse} reads it, recorded as written; null when the key is
   * absent or {@code parse} found it wrong (and reported why).
   */
  private <T> T given(String key, BiFunction<String, YamlNode, T> parse) {
    YamlNode node = take(key);
    T value = node == null ? null : parse.apply(key, node);
    if (value != null) {
      resolved.put(key, value);
    }
    return value;
  }

  /** As {@link #given}, reporting an absent key as missing. */
  private <T> T required(String key, BiFunction<String, YamlNode, T> parse) {
    if (!has(key)) {
      consumed.add(key);
      missing(key);
      return null;
    }
    return given(key, parse);
  }

  private <T> T defaulted(String key, T def) {
    return defaulted(key, def, def);
  }

  private <T> T defaulted(String key, T def, Object written) {
    resolved.putIfAbsent(key, written);
    return def;
  }

  // ---- lists ---------------------------------------------------------------------------------

  /** A list of {@code size} numbers (any length when size is 0); required when def is null. */
  double[] reals(String key, double[] def, int size, Bounds bounds, String doc) {
    String type = (size > 0 ? "list of " + size + " numbers, " : "list of numbers, ") + bounds.describe();
    document(key, type, def == null ? "required" : format(def), doc);
    YamlNode node = take(key);
    if (node == null) {
      if (def == null) {
        missing(key);
        return filledWithNaN(size);
      }
      resolved.put(key, boxed(def));
      return def.clone();
    }
    double[] fallback = def == null ? filledWithNaN(size) : def.clone();
    if (!(node instanceof YamlNode.Sequence seq)) {
      problem(node, key, "expected a list of numbers, got " + node.describe());
      return fallback;
    }
    if (size > 0 && seq.items().size() != size) {
      problem(node, key, "expected " + size + " numbers, got " + seq.items().size());
      return fallback;
    }
    double[] values = new double[seq.items().size()];
    List<Number> written = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < values.length; i++) {
      Number n = number(key + "[" + i + "]", seq.items().get(i), bounds);
      if (n == null) {
        ok = false;
      } else {
        values[i] = n.doubleValue();
        written.add(n);
      }
    }
    if (!ok) {
      return fallback;
    }
    resolved.put(key, written);
    return values;
  }

  /** A list of strings; required when def is null. */
  List<String> texts(String key, List<String> def, String doc) {
    document(key, "list of strings", def == null ? "required" : def.toString(), doc);
    YamlNode node = take(key);
    if (node == null) {
      if (def == null) {
        missing(key);
        return List.of();
      }
      resolved.put(key, def);
      return def;
    }
    if (!(node instanceof YamlNode.Sequence seq)) {
      problem(node, key, "expected a list of strings, got " + node.describe());
      return def == null ? List.of() : def;
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      String v = string(key + "[" + i + "]", seq.items().get(i));
      values.add(v == null ? "" : v);
    }
    resolved.put(key, values);
    return List.copyOf(values);
  }

  // ---- nesting -------------------------------------------------------------------------------

  /** A nested mapping; absent reads as empty, so all its defaults apply. */
  Section section(String key, String doc) {
    document(key, "mapping", "", doc);
    YamlNode node = take(key);
    Section child = child(key, node);
    resolved.put(key, child.resolved);
    return child;
  }

  /** A nested mapping that must be given; when absent, one problem stands for all its keys. */
  Section requiredSection(String key, String doc) {
    document(key, "mapping", "required", doc);
    YamlNode node = take(key);
    Section child;
    if (node == null) {
      missing(key);
      child = new Section(ctx, childPath(key), null, line, column, true);
    } else {
      child = child(key, node);
    }
    resolved.put(key, child.resolved);
    return child;
  }

  /** A nested mapping that may be absent; documented as if present. */
  Optional<Section> optionalSection(String key, String doc) {
    document(key, "mapping", "none", doc);
    YamlNode node = take(key);
    if (node == null && !ctx.documenting()) {
      return Optional.empty();
    }
    Section child = child(key, node);
    resolved.put(key, child.resolved);
    return Optional.of(child);
  }

  /** A list of mappings; required (and non-empty) or empty when absent. */
  List<Section> sections(String key, boolean required, String doc) {
    document(key, "list of mappings", required ? "required" : "empty", doc);
    YamlNode node = take(key);
    List<Section> items = new ArrayList<>();
    List<Object> written = new ArrayList<>();
    resolved.put(key, written);
    if (ctx.documenting()) {
      items.add(new Section(ctx, childPath(key) + "[]", null, line, column));
      return items;
    }
    if (node == null) {
      if (required) {
        missing(key);
      }
      return items;
    }
    if (!(node instanceof YamlNode.Sequence seq)) {
      problem(node, key, "expected a list of mappings, got " + node.describe());
      return items;
    }
    for (int i = 0; i < seq.items().size(); i++) {
      YamlNode item = seq.items().get(i);
      String itemPath = childPath(key) + "[" + i + "]";
      if (!(item instanceof YamlNode.Mapping m)) {
        ctx.report(new ConfigProblem(itemPath, item.line(), item.column(),
            "expected a mapping, got " + item.describe()));
        continue;
      }
      Section s = new Section(ctx, itemPath, m, m.line(), m.column());
      items.add(s);
      written.add(s.resolved);
    }
    return items;
  }

  /** Whether the file gives {@code key} (with a value); does not read it. */
  boolean has(String key) {
    return present(mapping == null ? null : mapping.values().get(key));
  }

  /** Reports {@code key}, if given, as not applicable here. */
  void rejectIfGiven(String key, String why) {
    consumed.add(key);
    if (has(key)) {
      problem(mapping.values().get(key), key, why);
    }
  }

  /**
   * Reports unknown keys, then builds this section's value. A builder that throws because of a
   * value already reported yields null quietly; any other rejection is reported at the section.
   */
  <T> T build(Supplier<T> builder) {
    finish();
    if (quiet) {
      return null; // absent or malformed, already reported
    }
    try {
      return builder.get();
    } catch (RuntimeException e) {
      if (!ctx.hasProblems() && !ctx.documenting()) {
        ctx.report(new ConfigProblem(path, line, column, String.valueOf(e.getMessage())));
      }
      return null;
    }
  }

  private void finish() {
    if (mapping == null) {
      return;
    }
    for (YamlNode.Key key : mapping.keys().values()) {
      if (!consumed.contains(key.name())) {
        String hint = closest(key.name(), consumed)
            .map(k -> "; did you mean '" + k + "'?")
            .orElse("; keys here: " + consumed.stream().sorted().collect(Collectors.joining(", ")));
        ctx.report(new ConfigProblem(childPath(key.name()), key.line(), key.column(),
            "unknown key '" + key.name() + "'" + hint));
      }
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private Section child(String key, YamlNode node) {
    if (node == null) {
      return new Section(ctx, childPath(key), null, line, column, quiet);
    }
    if (!(node instanceof YamlNode.Mapping m)) {
      problem(node, key, "expected a mapping of keys, got " + node.describe());
      return new Section(ctx, childPath(key), null, node.line(), node.column(), true);
    }
    YamlNode.Key named = mapping.keys().get(key);
    return new Section(ctx, childPath(key), m, named.line(), named.column());
  }

  private YamlNode take(String key) {
    consumed.add(key);
    YamlNode node = mapping == null ? null : mapping.values().get(key);
    return present(node) ? node : null;
  }

  private static boolean present(YamlNode node) {
    return node != null
        && !(node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.NULL);
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private void problem(YamlNode at, String key, String message) {
    ctx.report(new ConfigProblem(childPath(key), at.line(), at.column(), message));
  }

  private void missing(String key) {
    if (quiet) {
      return;
    }
    ctx.report(new ConfigProblem(childPath(key), line, column,
        "missing required key '" + key + "'" + (path.isEmpty() ? "" : " in " + path)));
  }

  private void document(String key, String type, String def, String doc) {
    String shown = shownDefault != null ? shownDefault : def == null ? "none" : def;
    shownDefault = null;
    if (ctx.documenting()) {
      ctx.document(new ReferenceRow(childPath(key), type, shown, doc));
    }
  }

  private Number number(String key, YamlNode node, Bounds bounds) {
    if (!(node instanceof YamlNode.Scalar s)
        || (s.type() != YamlNode.Scalar.Type.INTEGER && s.type() != YamlNode.Scalar.Type.REAL)) {
      problem(node, key, "expected a number, got " + node.describe());
      return null;
    }
    double v = s.number().doubleValue();
    if (!bounds.admits(v)) {
      problem(node, key, s.text() + " is out of range (" + bounds.describe() + ")");
      return null;
    }
    return s.number() instanceof BigInteger ? (Number) v : s.number();
  }

  private Long whole(String key, YamlNode node) {
    if (!(node instanceof YamlNode.Scalar s) || s.type() != YamlNode.Scalar.Type.INTEGER) {
      problem(node, key, "expected an integer, got " + node.describe());
      return null;
    }
    if (s.number() instanceof BigInteger big && big.bitLength() > 63) {
      problem(node, key, s.text() + " is too large");
      return null;
    }
    return s.number().longValue();
  }

  private String string(String key, YamlNode node) {
    if (!(node instanceof YamlNode.Scalar s) || s.type() != YamlNode.Scalar.Type.STRING) {
      problem(node, key, "expected a string, got " + node.describe()
          + (node instanceof YamlNode.Scalar ? " (quote it to make it a string)" : ""));
      return null;
    }
    if (s.text().isBlank()) {
      problem(node, key, "must not be empty");
      return null;
    }
    return s.text();
  }

  private static double[] filledWithNaN(int size) {
    double[] a = new double[Math.max(size, 0)];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  private static List<Double> boxed(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  private static String format(double[] values) {
    return Arrays.stream(values).mapToObj(Bounds::number).collect(Collectors.joining(", ", "[", "]"));
  }

  /** The known key closest to {@code name} within two edits, if any. */
  private static Optional<String> closest(String name, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = editDistance(name, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
