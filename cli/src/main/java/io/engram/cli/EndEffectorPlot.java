package io.engram.cli;

import io.engram.evaluation.TaskOutcome;
import io.engram.task.TaskMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws end-effector paths, one row per task: a top view (x-y) and a side view (x-z), in cm.
 */
final class EndEffectorPlot {

  static final Color TARGET = new Color(20, 20, 20);
  static final Color BEFORE = new Color(200, 80, 60);
  static final Color AFTER = new Color(40, 110, 200);
  static final Color MEASURED = new Color(40, 160, 90);

  /** One path: a name for the legend, end-effector positions (m, x y z per point), a style. */
  record Path3(String name, double[] xyz, Color color, float width) {}

  /** One row of the figure: a title and its paths. */
  record Row(String title, List<Path3> paths) {}

  private EndEffectorPlot() {}

  /** Target and produced paths before and after learning, of the given inner-loop outcomes. */
  static void write(Path file, List<TaskOutcome> outcomes, TaskMetrics metrics) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (TaskOutcome o : outcomes) {
      int steps = o.task().steps();
      String title =
          String.format(
              "task %d%s: %.1f cm before, %.1f cm after",
              o.index(),
              o.task().clipped() ? " (clipped)" : "",
              o.before().endEffectorErrorCm(),
              o.after().endEffectorErrorCm());
      rows.add(new Row(title, List.of(
          new Path3("target", o.task().xyz(), TARGET, 3f),
          new Path3("before", metrics.endEffectorPath(o.outputBefore(), steps), BEFORE, 1.5f),
          new Path3("after one update", metrics.endEffectorPath(o.outputAfter(), steps), AFTER,
              1.5f))));
    }
    write(file, rows);
  }

  /** Any paths, one row per entry. */
  static void write(Path file, List<Row> rows) throws IOException {
    List<XYChart> charts = new ArrayList<>();
    for (Row row : rows) {
      charts.add(view(row.title() + ", top", "x (cm)", "y (cm)", 1, row.paths()));
      charts.add(view("side", "x (cm)", "z (cm)", 2, row.paths()));
    }
    BitmapEncoder.saveBitmap(
        charts, rows.size(), 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static XYChart view(
      String title, String xLabel, String yLabel, int second, List<Path3> paths) {
    XYChart chart =
        new XYChartBuilder().width(560).height(420).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
    for (Path3 p : paths) {
      add(chart, p, second);
    }
    return chart;
  }

  private static void add(XYChart chart, Path3 path, int second) {
    double[] xyz = path.xyz();
    int steps = xyz.length / 3;
    double[] x = new double[steps];
    double[] y = new double[steps];
    for (int t = 0; t < steps; t++) {
      x[t] = 100 * xyz[3 * t];
      y[t] = 100 * xyz[3 * t + second];
    }
    XYSeries s = chart.addSeries(path.name(), x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(path.color());
    s.setLineStyle(new BasicStroke(path.width()));
  }
}
