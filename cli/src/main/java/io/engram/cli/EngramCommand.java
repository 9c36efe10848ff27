package io.engram.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code engram} command: one subcommand per job. */
@Command(
    name = "engram",
    mixinStandardHelpOptions = true,
    versionProvider = EngramVersion.class,
    description = "Edge runtime for one-shot robot-arm learning on an emulated PCM crossbar.",
    subcommands = {CommandLine.HelpCommand.class})
public final class EngramCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and returns its exit code. */
  public static int execute(String... args) {
    return new CommandLine(new EngramCommand()).execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
