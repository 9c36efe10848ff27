package io.engram.cli;

import io.engram.bridge.emulation.EmulatedArmRig;
import io.engram.bridge.emulation.FaultPlan;
import io.engram.bridge.link.SerialPortLink;
import io.engram.config.ConfigException;
import io.engram.config.EngramConfig;
import io.engram.config.LinkConfig;
import io.engram.config.WireProtocol;
import io.engram.config.yaml.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code engram sim-firmware}: the emulated arm's firmware on a serial port. */
@Command(
    name = "sim-firmware",
    mixinStandardHelpOptions = true,
    versionProvider = EngramVersion.class,
    description = {
      "Run the emulated arm of a configuration behind a serial port (for example one end of a"
          + " socat pty pair), speaking the Engram protocol or Dynamixel Protocol 2.0 (ids from the"
          + " configuration, XM430-W350 control table), until interrupted.",
      "Example: socat pty,raw,echo=0,link=/tmp/arm pty,raw,echo=0,link=/tmp/fw &"
          + " engram sim-firmware --port /tmp/fw --protocol dynamixel2"
    })
final class SimFirmwareCommand implements Callable<Integer> {

  @CommandLine.Spec CommandSpec spec;

  @Option(names = "--port", required = true, paramLabel = "PATH",
      description = "Serial port or pty to serve.")
  String port;

  @Option(names = "--protocol", paramLabel = "engram|dynamixel2",
      converter = ProtocolConverter.class,
      description = "Wire protocol (default: the configuration's).")
  WireProtocol protocol;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Configuration file (default: the emulated ED-Scorbot ER-VII).")
  Path config;

  @Option(names = "--drop", paramLabel = "P", defaultValue = "0",
      description = "Probability that a reply is dropped (default: ${DEFAULT-VALUE}).")
  double drop;

  @Option(names = "--corrupt", paramLabel = "P", defaultValue = "0",
      description = "Probability that a reply is corrupted (default: ${DEFAULT-VALUE}).")
  double corrupt;

  @Option(names = "--delay", paramLabel = "P", defaultValue = "0",
      description = "Probability that a reply is delayed (default: ${DEFAULT-VALUE}).")
  double delay;

  @Option(names = "--delay-ms", paramLabel = "MS", defaultValue = "20",
      description = "How long a delayed reply is held back (default: ${DEFAULT-VALUE}).")
  long delayMs;

  @Option(names = "--fault-seed", paramLabel = "N", defaultValue = "1",
      description = "Seed of the fault generator (default: ${DEFAULT-VALUE}).")
  long faultSeed;

  /** Counted down to stop the command from a test; a user stops it with Ctrl-C. */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    EngramConfig cfg;
    try {
      cfg = config == null ? EngramConfig.defaults() : ConfigLoader.load(config);
    } catch (ConfigException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    LinkConfig l = cfg.link();
    WireProtocol p = protocol == null ? l.protocol() : protocol;
    LinkConfig served = new LinkConfig(l.transport(), p, l.port(), l.baud(), l.readTimeout(),
        l.retries(), l.emulator(), l.dynamixel());
    FaultPlan faults = new FaultPlan(drop, corrupt, delay, delayMs, faultSeed);
    SerialPortLink link = new SerialPortLink(port, l.baud());
    try (EmulatedArmRig rig = EmulatedArmRig.serve(cfg.robot(), served, link, null,
        EmulatedArmRig.watchdogFor(cfg.control().sensorTimeout()))) {
      rig.faults().plan(faults);
      out.printf("emulated %s (%d joints) speaking %s on %s%s; Ctrl-C to stop%n",
          cfg.robot().id(), cfg.robot().joints().size(), ProtocolConverter.name(p), port,
          faults.isNone() ? "" : String.format(" with faults (drop %.3g, corrupt %.3g, delay %.3g"
              + " x %d ms)", drop, corrupt, delay, delayMs));
      if (p == WireProtocol.DYNAMIXEL2) {
        out.printf("ids: %s%n", cfg.robot().joints().stream()
            .map(j -> j.busId() + " (" + j.name() + ")").reduce((a, b) -> a + ", " + b)
            .orElse(""));
      }
      out.flush();
      Thread hook = new Thread(stop::countDown, "sim-firmware-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        stop.await();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // shutting down
        }
      }
    }
    return 0;
  }

  /** Parses {@code engram} and {@code dynamixel2}. */
  static final class ProtocolConverter implements CommandLine.ITypeConverter<WireProtocol> {
    @Override
    public WireProtocol convert(String value) {
      switch (value.toLowerCase(java.util.Locale.ROOT)) {
        case "engram":
          return WireProtocol.ENGRAM;
        case "dynamixel2":
          return WireProtocol.DYNAMIXEL2;
        default:
          throw new CommandLine.TypeConversionException(
              "unknown protocol '" + value + "': use engram or dynamixel2");
      }
    }

    static String name(WireProtocol p) {
      return p == WireProtocol.DYNAMIXEL2 ? "dynamixel2" : "engram";
    }
  }
}
