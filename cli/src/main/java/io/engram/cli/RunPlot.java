package io.engram.cli;

import io.engram.session.TrialReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The picture of {@code engram run}: per demonstration, target, commanded and measured paths. */
final class RunPlot {

  private RunPlot() {}

  static void write(Path file, List<TrialReport> reports) throws IOException {
    List<EndEffectorPlot.Row> rows = new ArrayList<>();
    for (TrialReport r : reports) {
      String title = String.format("demo %d%s: commanded %.1f cm, measured %.1f cm", r.index(),
          r.demonstration().clipped() ? " (clipped)" : "", r.commandedErrorCm(),
          r.measuredErrorCm());
      rows.add(new EndEffectorPlot.Row(title, List.of(
          new EndEffectorPlot.Path3("target", r.targetPath(), EndEffectorPlot.TARGET, 3f),
          new EndEffectorPlot.Path3("commanded", r.commandedPath(), EndEffectorPlot.AFTER, 1.5f),
          new EndEffectorPlot.Path3("measured", r.measuredPath(), EndEffectorPlot.MEASURED,
              1.5f))));
    }
    EndEffectorPlot.write(file, rows);
  }
}
