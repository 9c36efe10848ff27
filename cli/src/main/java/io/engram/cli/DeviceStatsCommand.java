package io.engram.cli;

import io.engram.config.CrossbarPreset;
import io.engram.config.EngramConfig;
import io.engram.config.yaml.ConfigLoader;
import io.engram.pcm.DeviceCharacterisation;
import io.engram.pcm.DeviceStatsRow;
import io.engram.pcm.PcmDeviceModel;
import io.engram.pcm.PcmParams;
import io.engram.pcm.ProgramVerify;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engram device-stats}: programs populations of emulated PCM devices to target levels and
 * reads them at times after programming, the characterisation a user runs to compare the model
 * with a real device.
 */
@Command(
    name = "device-stats",
    mixinStandardHelpOptions = true,
    versionProvider = EngramVersion.class,
    description = {
      "Programs N emulated PCM devices to each level (a fraction of Gmax), reads each once at every"
          + " time after programming, and writes one CSV row per level and time:",
      "  " + DeviceStatsRow.CSV_HEADER
    })
final class DeviceStatsCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--levels",
      split = ",",
      defaultValue = "1,0.5,0.25,0.1,0.01",
      paramLabel = "G1,G2,...",
      description = "Target conductances as fractions of Gmax (default: ${DEFAULT-VALUE}).")
  double[] levels;

  @Option(
      names = "--times",
      split = ",",
      defaultValue = "1,3600,86400",
      paramLabel = "T1,T2,...",
      description = "Read times after programming, in seconds (default: ${DEFAULT-VALUE}).")
  double[] times;

  @Option(
      names = "--devices",
      defaultValue = "10000",
      paramLabel = "N",
      description = "Devices per level (default: ${DEFAULT-VALUE}).")
  int devices;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--device",
      defaultValue = "pcm-drift",
      paramLabel = "ideal|pcm|pcm-drift",
      converter = CrossbarOptions.PresetConverter.class,
      description = "Device effects (default: ${DEFAULT-VALUE}, the full model).")
  CrossbarPreset device;

  @Option(
      names = "--fault-rate",
      defaultValue = "0",
      paramLabel = "P",
      description = "Fraction of stuck devices, half at SET and half at RESET (default: ${DEFAULT-VALUE}).")
  double faultRate;

  @Option(
      names = "--verify-pulses",
      defaultValue = "1",
      paramLabel = "N",
      description = "Pulses per device write; more than 1 is program-and-verify (default: ${DEFAULT-VALUE}).")
  int verifyPulses;

  @Option(
      names = "--verify-tolerance-us",
      defaultValue = "0.5",
      paramLabel = "US",
      description = "Program-and-verify tolerance, microsiemens (default: ${DEFAULT-VALUE}).")
  double verifyTolerance;

  @Option(
      names = "--config",
      paramLabel = "FILE.yaml",
      description = "Take the device model's coefficients from this configuration's crossbar.device.")
  Path configFile;

  @Option(names = "--out", paramLabel = "STATS.csv", description = "Write the CSV here (default: stdout).")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (devices < 2) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--devices must be at least 2");
    }
    if (!(faultRate >= 0 && faultRate <= 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--fault-rate must lie in [0, 1]");
    }
    if (verifyPulses < 1 || !(verifyTolerance >= 0)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--verify-pulses must be >= 1 and --verify-tolerance-us >= 0");
    }
    EngramConfig config = configFile != null ? ConfigLoader.load(configFile) : EngramConfig.defaults();
    PcmParams params = PcmParams.of(device).withFaultRate(faultRate);
    PcmDeviceModel model = new PcmDeviceModel(config.crossbar().device(), params);
    List<DeviceStatsRow> rows =
        new DeviceCharacterisation(model, new ProgramVerify(verifyPulses, verifyTolerance))
            .run(levels, times, devices, seed);
    List<String> lines = new ArrayList<>(rows.size() + 1);
    lines.add(DeviceStatsRow.CSV_HEADER);
    rows.forEach(r -> lines.add(r.toCsv()));
    PrintWriter stdout = spec.commandLine().getOut();
    if (out != null) {
      Files.write(out, lines, StandardCharsets.UTF_8);
      printTable(stdout, rows);
      stdout.println("statistics: " + out);
    } else {
      lines.forEach(stdout::println);
    }
    stdout.flush();
    return 0;
  }

  private static void printTable(PrintWriter w, List<DeviceStatsRow> rows) {
    w.println("level    time (s)   programmed (uS)      read (uS)            nu mean");
    for (DeviceStatsRow r : rows) {
      w.printf(
          "%-6s %10.0f   %7.3f +- %6.3f   %7.3f +- %6.3f   %.4f%n",
          r.level(),
          r.timeSeconds(),
          r.progMeanMicroSiemens(),
          r.progStdMicroSiemens(),
          r.readMeanMicroSiemens(),
          r.readStdMicroSiemens(),
          r.nuMean());
    }
  }
}
