package io.engram.cli;

import io.engram.config.ConfigNames;
import io.engram.config.CrossbarConfig;
import io.engram.config.CrossbarPreset;
import io.engram.config.DriftCompensation;
import io.engram.config.ReadNoiseMode;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Options that put the trainee's plastic weights on the emulated PCM crossbar and override the
 * configuration's crossbar section. Without {@code --device} the float model runs and the other
 * options are refused.
 */
final class CrossbarOptions {

  @Option(
      names = "--device",
      paramLabel = "ideal|pcm|pcm-drift",
      converter = PresetConverter.class,
      description =
          "Hold the trainee's input and recurrent weights on the emulated PCM crossbar with this"
              + " device preset; the array format comes from the configuration's crossbar section."
              + " Default: the float model.")
  CrossbarPreset device;

  @Option(
      names = "--t-inference",
      paramLabel = "SECONDS",
      description =
          "Device time between programming the update and the test trial (default: the"
              + " preset's, 3600 for pcm-drift and 0 otherwise).")
  Double tInference;

  @Option(
      names = "--compensation",
      paramLabel = "none|global|column",
      converter = CompensationConverter.class,
      description = "Drift compensation from probe reads (default: the configuration's, none).")
  DriftCompensation compensation;

  @Option(
      names = "--fault-rate",
      paramLabel = "P",
      description =
          "Fraction of stuck devices, half stuck at SET and half at RESET (default: the"
              + " configuration's, 0).")
  Double faultRate;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the crossbar's fault map and noise (default: the configuration's, 1).")
  Long seed;

  @Option(
      names = "--fault-scan",
      description =
          "Find the stuck devices with a SET/RESET scan before first use and map weights around"
              + " them.")
  boolean faultScan;

  @Option(
      names = "--verify-pulses",
      paramLabel = "N",
      description =
          "Program-and-verify with up to N pulses per device write (default: the"
              + " configuration's, 1 = single-shot).")
  Integer verifyPulses;

  @Option(
      names = "--verify-tolerance-us",
      paramLabel = "US",
      description = "Program-and-verify tolerance in microsiemens (default: the configuration's, 0.5).")
  Double verifyTolerance;

  @Option(
      names = "--read-noise",
      paramLabel = "exact|fast",
      converter = ReadNoiseConverter.class,
      description =
          "Read noise per device read (exact) or one moment-matched draw per column (fast)"
              + " (default: the configuration's, exact).")
  ReadNoiseMode readNoise;

  /** True when the crossbar was asked for. */
  boolean selected() {
    return device != null;
  }

  /**
   * The configuration's crossbar with these options applied: a preset other than the
   * configuration's brings its device effects and time to inference.
   *
   * @throws CommandLine.ParameterException for a crossbar option without --device, or a bad value
   */
  CrossbarConfig apply(CrossbarConfig base, CommandSpec spec) {
    if (device == null) {
      if (tInference != null || compensation != null || faultRate != null || seed != null
          || readNoise != null || faultScan || verifyPulses != null || verifyTolerance != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--t-inference, --compensation, --fault-rate, --fault-scan, --verify-pulses,"
                + " --verify-tolerance-us, --seed and --read-noise need --device");
      }
      return base;
    }
    CrossbarConfig c = base.preset() == device ? base : base.withDevice(device);
    if (tInference != null) {
      if (!(tInference >= 0) || Double.isInfinite(tInference)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--t-inference must be >= 0 s");
      }
      c = c.withTInference(tInference);
    }
    if (compensation != null) {
      c = c.withDriftCompensation(compensation);
    }
    if (faultRate != null) {
      if (!(faultRate >= 0 && faultRate <= 1)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--fault-rate must lie in [0, 1]");
      }
      c = c.withFaultRate(faultRate);
    }
    if (seed != null) {
      c = c.withSeed(seed);
    }
    if (readNoise != null) {
      c = c.withReadNoiseMode(readNoise);
    }
    if (faultScan) {
      c = c.withFaultScan(true);
    }
    if (verifyPulses != null || verifyTolerance != null) {
      int pulses = verifyPulses != null ? verifyPulses : c.verifyPulses();
      double tolerance = verifyTolerance != null ? verifyTolerance : c.verifyToleranceUs();
      if (pulses < 1 || !(tolerance >= 0)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--verify-pulses must be >= 1 and --verify-tolerance-us >= 0");
      }
      c = c.withProgramVerify(pulses, tolerance);
    }
    return c;
  }

  /** Reads a device preset as configuration files spell it. */
  static final class PresetConverter implements ITypeConverter<CrossbarPreset> {
    @Override
    public CrossbarPreset convert(String value) {
      return parse(CrossbarPreset.class, value);
    }
  }

  /** Reads a drift compensation; {@code column} is accepted for {@code per-column}. */
  static final class CompensationConverter implements ITypeConverter<DriftCompensation> {
    @Override
    public DriftCompensation convert(String value) {
      return "column".equals(value) ? DriftCompensation.PER_COLUMN : parse(DriftCompensation.class, value);
    }
  }

  /** Reads a read-noise mode. */
  static final class ReadNoiseConverter implements ITypeConverter<ReadNoiseMode> {
    @Override
    public ReadNoiseMode convert(String value) {
      return parse(ReadNoiseMode.class, value);
    }
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
    return ConfigNames.parse(type, value)
        .orElseThrow(
            () ->
                new CommandLine.TypeConversionException(
                    "'" + value + "' is not one of " + ConfigNames.choices(type)));
  }
}
