package io.engram.config.yaml;

import io.engram.config.ConfigException;
import io.engram.config.ConfigProblem;
import io.engram.config.calibration.Calibration;
import io.engram.config.calibration.CrossbarCalibration;
import io.engram.config.calibration.FaultRemedy;
import io.engram.config.calibration.HomingMethod;
import io.engram.config.calibration.JointCalibration;
import io.engram.config.calibration.JointCorrection;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads calibration files (YAML, written by {@link CalibrationWriter}) as strictly as {@link
 * ConfigLoader} reads configurations: unknown keys, wrong types and out-of-range values are
 * errors, and a {@link ConfigException} carries every problem with its line and column.
 */
public final class CalibrationLoader {

  private static final Bounds COUNT = Bounds.atLeast(0);

  private CalibrationLoader() {}

  /** Reads {@code file}. */
  public static Calibration load(Path file) throws ConfigException {
    String source = file.toString();
    String text = TextFile.read(file, "a calibration");
    return parse(text, source);
  }

  /** Reads calibration text; {@code source} names it in error messages. */
  public static Calibration parse(String yaml, String source) throws ConfigException {
    YamlTree.Parsed parsed = YamlTree.parse(yaml);
    ReadContext ctx = ReadContext.forFile(Path.of(""));
    parsed.problems().forEach(ctx::report);
    YamlNode root = parsed.root();
    if (root == null && !ctx.hasProblems()) {
      ctx.report(ConfigProblem.at("", "the file is empty; a calibration needs at least robot-id"));
    } else if (root != null && !(root instanceof YamlNode.Mapping)) {
      ctx.report(new ConfigProblem("", root.line(), root.column(),
          "expected a mapping (format, robot-id, created, joints, crossbar), got "
              + root.describe()));
    }
    if (ctx.hasProblems()) {
      throw new ConfigException(source, ctx.problems());
    }
    Calibration calibration = read(Section.root(ctx, (YamlNode.Mapping) root));
    if (calibration == null || ctx.hasProblems()) {
      throw new ConfigException(source, ctx.problems().stream()
          .sorted(Comparator.comparingInt(ConfigProblem::line)
              .thenComparingInt(ConfigProblem::column))
          .toList());
    }
    return calibration;
  }

  private static Calibration read(Section s) {
    int format = s.integer("format", Calibration.FORMAT_VERSION, Bounds.between(1, 1000),
        "Version of the calibration file format.");
    if (format != Calibration.FORMAT_VERSION) {
      s.invalid("format", "format " + format + " is not supported; this version reads format "
          + Calibration.FORMAT_VERSION);
    }
    String robotId = s.requiredText("robot-id", "robot.id of the configuration it was made with.");
    Instant created = instant(s, "created");
    Optional<JointCalibration> joints = s.optionalSection("joints",
        "Joint calibration results.").map(CalibrationLoader::joints);
    Optional<CrossbarCalibration> crossbar = s.optionalSection("crossbar",
        "Crossbar calibration results.").map(CalibrationLoader::crossbar);
    return s.build(() -> new Calibration(format, robotId, created, joints, crossbar));
  }

  private static JointCalibration joints(Section s) {
    Instant created = instant(s, "created");
    HomingMethod method = s.choice("method", HomingMethod.class, HomingMethod.KNOWN_POSE,
        "How the home offsets were found.");
    List<JointCorrection> corrections = new ArrayList<>();
    for (Section j : s.sections("corrections", true, "One entry per calibrated joint.")) {
      String name = j.requiredText("name", "The joint's name in the configuration.");
      long offset = j.longInteger("home-offset-counts", 0, "Encoder reading at home.");
      int direction = j.integer("direction", 1, Bounds.between(-1, 1),
          "+1 when counts grow with the kinematic angle, -1 when against it.");
      if (direction == 0) {
        j.invalid("direction", "must be +1 or -1");
      }
      double perDegree = j.requiredReal("counts-per-degree", Bounds.above(0),
          "Encoder counts per degree.");
      double latency = j.optionalReal("latency-ms", COUNT, "Command-to-motion latency (ms).")
          .orElse(Double.NaN);
      double backlash = j.optionalReal("backlash-deg", COUNT, "Lost motion on reversal (deg).")
          .orElse(Double.NaN);
      JointCorrection c = j.build(
          () -> new JointCorrection(name, offset, direction, perDegree, latency, backlash));
      if (c != null) {
        corrections.add(c);
      }
    }
    return s.build(() -> new JointCalibration(created, method, corrections));
  }

  private static CrossbarCalibration crossbar(Section s) {
    Instant created = instant(s, "created");
    int rows = s.integer("rows", 1, Bounds.between(1, 1 << 16), "Rows of the array.");
    int columns = s.integer("columns", 1, Bounds.between(1, 1 << 16), "Columns of the array.");
    int devices = s.integer("devices-per-cell", 2, Bounds.between(2, 8),
        "Devices per cell (2 per differential pair).");
    int[] stuckSet = integers(s, "stuck-set", "Devices stuck at SET, by number.");
    int[] stuckReset = integers(s, "stuck-reset", "Devices stuck at RESET, by number.");
    FaultRemedy remedy = s.choice("remedy", FaultRemedy.class, FaultRemedy.PAIR,
        "What the array does about stuck devices.");
    double[] gain = s.reals("column-gain", null, 0, Bounds.any(), "Per-column gain.");
    double[] offset = s.reals("column-offset", null, 0, Bounds.any(), "Per-column offset.");
    double[] reference = s.reals("drift-reference", null, 0, Bounds.atLeast(0),
        "Per-column probe reads right after programming.");
    double ratio = s.real("refresh-ratio", 1.2, Bounds.above(1),
        "Drift reference refreshed at device ages growing by this factor.");
    int pulses = s.integer("verify-pulses", 1, Bounds.between(1, 1000),
        "Program-and-verify pulse budget.");
    double tolerance = s.real("verify-tolerance-us", 0, Bounds.atLeast(0),
        "Program-and-verify tolerance (uS).");
    return s.build(() -> new CrossbarCalibration(created, rows, columns, devices, stuckSet,
        stuckReset, remedy, gain, offset, reference, ratio, pulses, tolerance));
  }

  private static Instant instant(Section s, String key) {
    String text = s.requiredText(key, "ISO-8601 UTC time, e.g. 2026-01-01T12:00:00Z.");
    if (text.isEmpty()) {
      return Instant.EPOCH;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      s.invalid(key, "'" + text + "' is not an ISO-8601 UTC time such as 2026-01-01T12:00:00Z");
      return Instant.EPOCH;
    }
  }

  private static int[] integers(Section s, String key, String doc) {
    double[] values = s.reals(key, new double[0], 0, Bounds.between(0, Integer.MAX_VALUE), doc);
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] != Math.rint(values[i])) {
        s.invalid(key, "device numbers are whole numbers, got " + values[i]);
        return new int[0];
      }
      out[i] = (int) values[i];
    }
    return out;
  }
}
