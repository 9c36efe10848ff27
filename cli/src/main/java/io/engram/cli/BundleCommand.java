package io.engram.cli;

import io.engram.bundle.BundleManifest;
import io.engram.bundle.BundleOrigin;
import io.engram.bundle.LoadedBundle;
import io.engram.bundle.MetaParameterBundle;
import io.engram.bundle.MetaParameters;
import io.engram.bundle.RandomInitialWeights;
import io.engram.config.ConfigException;
import io.engram.config.EngramConfig;
import io.engram.config.yaml.ConfigLoader;
import io.engram.npy.NpyArray;
import io.engram.npy.NpyFormatException;
import io.engram.npy.NpzArchive;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code engram bundle}: make, look into and verify meta-parameter bundles. */
@Command(
    name = "bundle",
    mixinStandardHelpOptions = true,
    versionProvider = EngramVersion.class,
    description = "Make, inspect and verify meta-parameter bundles (.npz with manifest.json).",
    subcommands = {BundleCommand.Init.class, BundleCommand.Inspect.class, BundleCommand.Verify.class})
final class BundleCommand implements Runnable {

  @CommandLine.Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code engram bundle init}: a random initial bundle for the rules that need no LSG. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      versionProvider = EngramVersion.class,
      description = {
        "Write a bundle of random initial trainee weights (no learning-signal generator), for the"
            + " readout and eprop rules: N(0,1)/sqrt(fan-in), W_in and W_rec scaled so that the"
            + " trainee fires at bundle.initial-rate-hz on the clock."
      })
  static final class Init implements Callable<Integer> {

    @CommandLine.Spec CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE.yaml", description = "Configuration file (network sizes, clock, target rate); default: the built-in one.")
    Path configFile;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the weights (default: the configuration's bundle.seed).")
    Long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE.npz", description = "Bundle to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
      PrintWriter stdout = spec.commandLine().getOut();
      EngramConfig config = configFile != null ? ConfigLoader.load(configFile) : EngramConfig.defaults();
      long s = seed != null ? seed : config.bundle().seed();
      double rate = config.bundle().initialRateHz();
      MetaParameters meta = RandomInitialWeights.of(config).draw(s, rate);
      MetaParameterBundle.write(
          out,
          meta,
          BundleManifest.describing(
              config, Map.of("kind", "random-initial", "seed", s, "initial_rate_hz", rate)));
      stdout.printf(
          "bundle: %s (seed %d, trainee %d-%d-%d scaled to %.1f Hz, no LSG)%n",
          out,
          s,
          meta.traineeInput().rows(),
          meta.traineeInput().columns(),
          meta.traineeReadout().columns(),
          rate);
      stdout.flush();
      return 0;
    }
  }

  /** {@code engram bundle inspect FILE}. */
  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      versionProvider = EngramVersion.class,
      description = {
        "Print a bundle's manifest and, per matrix, its dtype, shape, value range and whether its"
            + " SHA-256 matches the manifest.",
        "Exit status: 0 readable, 1 unreadable."
      })
  static final class Inspect implements Callable<Integer> {

    @CommandLine.Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Bundle (.npz).")
    Path file;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      NpzArchive npz;
      try {
        npz = NpzArchive.read(file);
      } catch (NpyFormatException e) {
        spec.commandLine().getErr().println("engram bundle inspect: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
      }
      byte[] json = npz.otherMember(BundleManifest.MEMBER);
      BundleManifest manifest = null;
      if (json == null) {
        out.println(file + ": no " + BundleManifest.MEMBER + " (matrices not checksummed)");
      } else {
        out.println(file + ": " + BundleManifest.MEMBER + ":");
        out.println(new String(json, StandardCharsets.UTF_8).strip());
        try {
          manifest = BundleManifest.parse(json, file.toString());
        } catch (IOException e) {
          out.println("manifest invalid: " + e.getMessage());
        }
      }
      out.println();
      out.printf(Locale.ROOT, "%-14s %-5s %-11s %10s %10s %10s  %s%n",
          "matrix", "dtype", "shape", "min", "max", "mean|w|", "sha256");
      for (String key : npz.keys()) {
        NpyArray a = npz.array(key);
        double[] v = a.toDoubles();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double abs = 0;
        for (double x : v) {
          min = Math.min(min, x);
          max = Math.max(max, x);
          abs += Math.abs(x);
        }
        String sum = npz.sha256(key);
        String status =
            manifest == null
                ? ""
                : !manifest.sha256().containsKey(key)
                    ? " NOT IN MANIFEST"
                    : manifest.sha256().get(key).equalsIgnoreCase(sum) ? " ok" : " MISMATCH";
        out.printf(Locale.ROOT, "%-14s %-5s %-11s %10.4f %10.4f %10.4f  %s%s%n",
            key, a.dtype().descr(), a.shapeString(), min, max, v.length == 0 ? 0 : abs / v.length,
            sum.substring(0, 16), status);
      }
      out.flush();
      return 0;
    }
  }

  /** {@code engram bundle verify FILE}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      versionProvider = EngramVersion.class,
      description = {
        "Check a bundle as the runtime does before using it: manifest format, SHA-256 of every"
            + " matrix, network constants against the configuration, shapes and finite values.",
        "Exit status: 0 the bundle would be accepted, 1 it would be refused."
      })
  static final class Verify implements Callable<Integer> {

    @CommandLine.Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Bundle (.npz).")
    Path file;

    @Option(
        names = "--config",
        paramLabel = "FILE.yaml",
        description = "Configuration to check against (default: the built-in one).")
    Path configFile;

    @Option(
        names = "--network",
        description = "Apply the rules for a bundle delivered over the network (manifest required).")
    boolean network;

    @Option(names = "--no-lsg", description = "Do not require the learning-signal generator.")
    boolean noLsg;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        EngramConfig config =
            configFile != null ? ConfigLoader.load(configFile) : EngramConfig.defaults();
        BundleOrigin origin = network ? BundleOrigin.NETWORK : BundleOrigin.LOCAL_FILE;
        LoadedBundle b = MetaParameterBundle.load(file, config, origin, !noLsg);
        out.println(
            file
                + ": ok ("
                + (b.manifest().isPresent()
                    ? b.manifest().get().sha256().size() + " checksums verified, network constants match"
                    : "no manifest: accepted as a local file, shapes checked")
                + ")");
        out.flush();
        return 0;
      } catch (IOException | ConfigException e) {
        err.println("engram bundle verify: " + e.getMessage());
        err.flush();
        return 1;
      }
    }
  }
}
