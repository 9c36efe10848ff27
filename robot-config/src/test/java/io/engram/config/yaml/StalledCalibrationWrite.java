package io.engram.config.yaml;

import java.nio.file.Path;

/**
 * A child process for the kill test: writes a calibration and stalls between the temporary write
 * and the rename, announcing it on standard output, until it is killed.
 */
public final class StalledCalibrationWrite {

  static final String READY = "temporary file written";

  private StalledCalibrationWrite() {}

  public static void main(String[] args) throws Exception {
    CalibrationWriter.write(Path.of(args[0]), CalibrationFilesTest.sample(2), () -> {
      System.out.println(READY);
      System.out.flush();
      try {
        Thread.sleep(600_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
