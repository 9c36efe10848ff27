package io.engram.config.yaml;

import io.engram.config.calibration.Calibration;
import io.engram.config.calibration.CrossbarCalibration;
import io.engram.config.calibration.JointCalibration;
import io.engram.config.calibration.JointCorrection;
import io.engram.config.ConfigNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes calibration files atomically: the text goes to a temporary file beside the target, is
 * forced to the disk, and is renamed over the target; the directory is then forced so the rename
 * itself survives a power cut. A write that dies at any point leaves the previous file whole.
 */
public final class CalibrationWriter {

  private CalibrationWriter() {}

  /** The calibration as YAML text; {@link CalibrationLoader#parse} reads it back equal. */
  public static String yaml(Calibration c) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", c.formatVersion());
    root.put("robot-id", c.robotId());
    root.put("created", c.created().toString());
    c.joints().ifPresent(j -> root.put("joints", joints(j)));
    c.crossbar().ifPresent(x -> root.put("crossbar", crossbar(x)));
    return "# Engram calibration file: written by `engram calibrate`, read by `engram run`.\n"
        + YamlWriter.write(root);
  }

  /** Writes {@code calibration} to {@code file}, replacing it atomically. */
  public static void write(Path file, Calibration calibration) throws IOException {
    write(file, calibration, () -> {});
  }

  /**
   * As {@link #write(Path, Calibration)}, running {@code afterTemporaryWrite} once the temporary
   * file is on disk and before the rename (where tests kill the writer or make it fail).
   */
  static void write(Path file, Calibration calibration, Runnable afterTemporaryWrite)
      throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    boolean moved = false;
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(yaml(calibration).getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          ch.write(bytes);
        }
        ch.force(true);
      }
      afterTemporaryWrite.run();
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + target + " atomically on this file system", e);
      }
      moved = true;
      forceDirectory(dir);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open directories; the rename is still atomic there.
    }
  }

  private static Map<String, Object> joints(JointCalibration j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("created", j.created().toString());
    m.put("method", ConfigNames.of(j.method()));
    List<Object> list = new ArrayList<>();
    for (JointCorrection c : j.joints()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", c.name());
      e.put("home-offset-counts", c.homeOffsetCounts());
      e.put("direction", c.direction());
      e.put("counts-per-degree", c.countsPerDegree());
      if (!Double.isNaN(c.latencyMs())) {
        e.put("latency-ms", c.latencyMs());
      }
      if (!Double.isNaN(c.backlashDeg())) {
        e.put("backlash-deg", c.backlashDeg());
      }
      list.add(e);
    }
    m.put("corrections", list);
    return m;
  }

  private static Map<String, Object> crossbar(CrossbarCalibration x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("created", x.created().toString());
    m.put("rows", x.rows());
    m.put("columns", x.columns());
    m.put("devices-per-cell", x.devicesPerCell());
    m.put("stuck-set", Arrays.stream(x.stuckSet()).boxed().toList());
    m.put("stuck-reset", Arrays.stream(x.stuckReset()).boxed().toList());
    m.put("remedy", ConfigNames.of(x.remedy()));
    m.put("column-gain", Arrays.stream(x.columnGain()).boxed().toList());
    m.put("column-offset", Arrays.stream(x.columnOffset()).boxed().toList());
    m.put("drift-reference", Arrays.stream(x.driftReference()).boxed().toList());
    m.put("refresh-ratio", x.refreshRatio());
    m.put("verify-pulses", x.verifyPulses());
    m.put("verify-tolerance-us", x.verifyToleranceUs());
    return m;
  }
}
