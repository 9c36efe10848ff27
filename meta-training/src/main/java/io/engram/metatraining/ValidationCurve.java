package io.engram.metatraining;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The validation curve of a run: one row per validation, kept as CSV (appended, survives a
 * resume) and drawn as PNG.
 */
public final class ValidationCurve {

  static final String HEADER =
      "iteration,elapsed_s,train_loss,ee_before_cm,ee_after_cm,ee_after_nonclipped_cm,rate_after_hz";

  /** One validation. */
  public record Row(
      int iteration,
      double elapsedSeconds,
      double trainLoss,
      double eeBeforeCm,
      double eeAfterCm,
      double eeAfterNonClippedCm,
      double rateAfterHz) {

    String csv() {
      return String.format(Locale.ROOT, "%d,%.1f,%.6g,%.4f,%.4f,%.4f,%.2f",
          iteration, elapsedSeconds, trainLoss, eeBeforeCm, eeAfterCm, eeAfterNonClippedCm, rateAfterHz);
    }

    static Row parse(String line) {
      String[] f = line.split(",");
      return new Row(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
          Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
          Double.parseDouble(f[6]));
    }
  }

  private final Path csv;
  private final Path png;
  private final List<Row> rows = new ArrayList<>();

  /** A curve in {@code dir}; existing rows up to {@code upToIteration} are kept (a resume). */
  public ValidationCurve(Path dir, int upToIteration) throws IOException {
    this.csv = dir.resolve("validation.csv");
    this.png = dir.resolve("validation.png");
    if (Files.exists(csv)) {
      for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
        if (!line.isBlank() && !line.startsWith("iteration")) {
          Row r = Row.parse(line);
          if (r.iteration() <= upToIteration) {
            rows.add(r);
          }
        }
      }
    }
    rewrite();
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  public Path csvFile() {
    return csv;
  }

  public Path pngFile() {
    return png;
  }

  /** Adds a row and rewrites the CSV and the PNG. */
  public void add(Row row) throws IOException {
    rows.add(row);
    rewrite();
    draw();
  }

  private void rewrite() throws IOException {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Row r : rows) {
      sb.append(r.csv()).append('\n');
    }
    Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
    Files.writeString(tmp, sb, StandardCharsets.UTF_8);
    Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void draw() throws IOException {
    if (rows.isEmpty()) {
      return;
    }
    XYChart chart =
        new XYChartBuilder()
            .width(720)
            .height(420)
            .title("Meta-training: end-effector error after one update (validation tasks)")
            .xAxisTitle("iteration")
            .yAxisTitle("cm")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    double[] x = rows.stream().mapToDouble(Row::iteration).toArray();
    chart.addSeries("after, non-clipped tasks", x, rows.stream().mapToDouble(Row::eeAfterNonClippedCm).toArray());
    chart.addSeries("after, all tasks", x, rows.stream().mapToDouble(Row::eeAfterCm).toArray());
    chart.addSeries("before, all tasks", x, rows.stream().mapToDouble(Row::eeBeforeCm).toArray());
    Path tmp = png.resolveSibling("validation.tmp.png");
    BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
    Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
