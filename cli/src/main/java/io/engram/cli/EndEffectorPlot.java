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
 * Draws target and produced end-effector paths, before and after learning, for the first tasks:
 * one row per task, a top view (x-y) and a side view (x-z), in cm.
 */
final class EndEffectorPlot {

  private static final Color TARGET = new Color(20, 20, 20);
  private static final Color BEFORE = new Color(200, 80, 60);
  private static final Color AFTER = new Color(40, 110, 200);

  private EndEffectorPlot() {}

  static void write(Path file, List<TaskOutcome> outcomes, TaskMetrics metrics) throws IOException {
    List<XYChart> charts = new ArrayList<>();
    for (TaskOutcome o : outcomes) {
      int steps = o.task().steps();
      double[] target = o.task().xyz();
      double[] before = metrics.endEffectorPath(o.outputBefore(), steps);
      double[] after = metrics.endEffectorPath(o.outputAfter(), steps);
      String title =
          String.format(
              "task %d%s: %.1f cm before, %.1f cm after",
              o.index(),
              o.task().clipped() ? " (clipped)" : "",
              o.before().endEffectorErrorCm(),
              o.after().endEffectorErrorCm());
      charts.add(view(title + ", top", "x (cm)", "y (cm)", 1, target, before, after));
      charts.add(view("side", "x (cm)", "z (cm)", 2, target, before, after));
    }
    BitmapEncoder.saveBitmap(
        charts, outcomes.size(), 2, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static XYChart view(
      String title, String xLabel, String yLabel, int second, double[] target, double[] before, double[] after) {
    XYChart chart =
        new XYChartBuilder().width(560).height(420).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
    add(chart, "target", target, second, TARGET, 3f);
    add(chart, "before", before, second, BEFORE, 1.5f);
    add(chart, "after one update", after, second, AFTER, 1.5f);
    return chart;
  }

  private static void add(XYChart chart, String name, double[] xyz, int second, Color color, float width) {
    int steps = xyz.length / 3;
    double[] x = new double[steps];
    double[] y = new double[steps];
    for (int t = 0; t < steps; t++) {
      x[t] = 100 * xyz[3 * t];
      y[t] = 100 * xyz[3 * t + second];
    }
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setLineStyle(new BasicStroke(width));
  }
}
