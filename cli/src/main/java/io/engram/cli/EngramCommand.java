package io.engram.cli;

import io.engram.bridge.hardware.HardwareException;
import io.engram.config.ConfigException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code engram} command: one subcommand per job. */
@Command(
    name = "engram",
    mixinStandardHelpOptions = true,
    versionProvider = EngramVersion.class,
    description = "Edge runtime for one-shot robot-arm learning on an emulated PCM crossbar.",
    subcommands = {
      CommandLine.HelpCommand.class,
      RunCommand.class,
      BundleCommand.class,
      ConfigCommand.class,
      MetaTrainCommand.class,
      ReproduceCommand.class,
      DeviceStatsCommand.class,
      BridgeCommand.class,
      SimFirmwareCommand.class,
      CalibrateCommand.class,
      BenchCommand.class
    })
public final class EngramCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs the command line and returns its exit code. Bad input (an unreadable file, a malformed
   * bundle or configuration) is reported on stderr with exit code 1, not as a stack trace.
   */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new EngramCommand());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof IOException
              || e instanceof IllegalArgumentException
              || e instanceof ConfigException
              || e instanceof HardwareException) {
            commandLine
                .getErr()
                .println("engram " + commandLine.getCommandName() + ": " + describe(e));
            commandLine.getErr().flush();
            return 1;
          }
          throw e;
        });
    return cli.execute(args);
  }

  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file: " + ((NoSuchFileException) e).getFile();
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
