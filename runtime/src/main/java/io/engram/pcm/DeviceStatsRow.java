package io.engram.pcm;

/**
 * Statistics of a population of devices programmed to one level and read at one time after
 * programming. Conductances in microsiemens; standard deviations are sample deviations.
 *
 * @param level target conductance as a fraction of Gmax
 * @param timeSeconds time since programming of the reads (t_inference)
 * @param progMeanMicroSiemens mean conductance right after programming
 * @param progStdMicroSiemens its standard deviation
 * @param readMeanMicroSiemens mean of one read per device at {@code timeSeconds}
 * @param readStdMicroSiemens its standard deviation
 * @param nuMean mean drift exponent
 */
public record DeviceStatsRow(
    double level,
    double timeSeconds,
    double progMeanMicroSiemens,
    double progStdMicroSiemens,
    double readMeanMicroSiemens,
    double readStdMicroSiemens,
    double nuMean) {

  /** The CSV header matching {@link #toCsv()}. */
  public static final String CSV_HEADER =
      "level,time_s,prog_mean_uS,prog_std_uS,read_mean_uS,read_std_uS,nu_mean";

  /** One CSV line, full double precision, no trailing newline. */
  public String toCsv() {
    return level
        + ","
        + timeSeconds
        + ","
        + progMeanMicroSiemens
        + ","
        + progStdMicroSiemens
        + ","
        + readMeanMicroSiemens
        + ","
        + readStdMicroSiemens
        + ","
        + nuMean;
  }
}
