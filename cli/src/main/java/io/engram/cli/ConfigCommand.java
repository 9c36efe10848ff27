package io.engram.cli;

import io.engram.config.ConfigException;
import io.engram.config.yaml.ConfigLoader;
import io.engram.config.yaml.ConfigReference;
import io.engram.config.yaml.LoadedConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code engram config}: check configuration files, print the reference of every key. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    versionProvider = EngramVersion.class,
    description = "Check configuration files and print the configuration reference.",
    subcommands = {ConfigCommand.Check.class, ConfigCommand.Reference.class})
final class ConfigCommand implements Runnable {

  @CommandLine.Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code engram config check FILE...}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      versionProvider = EngramVersion.class,
      description = {
        "Print the configuration each FILE resolves to (every key, defaults filled in), or every"
            + " error in it with its line.",
        "Exit status: 0 all files valid, 1 a file has errors, 2 wrong usage."
      })
  static final class Check implements Callable<Integer> {

    @CommandLine.Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Configuration file (YAML).")
    List<Path> files;

    @Option(names = {"-q", "--quiet"}, description = "Print only errors.")
    boolean quiet;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      int status = 0;
      for (Path file : files) {
        try {
          LoadedConfig loaded = ConfigLoader.read(file);
          if (!quiet) {
            out.println("# " + file + ": valid. The configuration in effect, defaults filled in:");
            out.print(loaded.resolvedYaml());
          }
        } catch (ConfigException e) {
          err.println(e.getMessage());
          status = 1;
        }
      }
      out.flush();
      err.flush();
      return status;
    }
  }

  /** {@code engram config reference}. */
  @Command(
      name = "reference",
      mixinStandardHelpOptions = true,
      versionProvider = EngramVersion.class,
      description = "Print the reference of every configuration key (Markdown), as in"
          + " docs/configuration.md.")
  static final class Reference implements Callable<Integer> {

    @CommandLine.Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.print(ConfigReference.markdown());
      out.flush();
      return 0;
    }
  }
}
