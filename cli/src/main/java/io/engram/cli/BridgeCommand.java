package io.engram.cli;

import io.engram.bridge.dynamixel.ControlTable;
import io.engram.bridge.dynamixel.DynamixelException;
import io.engram.bridge.dynamixel.DynamixelMaster;
import io.engram.bridge.dynamixel.PingReply;
import io.engram.bridge.engram.EngramChannel;
import io.engram.bridge.engram.EngramProtocol;
import io.engram.bridge.engram.Fault;
import io.engram.bridge.engram.Frame;
import io.engram.bridge.engram.Hello;
import io.engram.bridge.engram.HelloReply;
import io.engram.bridge.engram.JointStateMessage;
import io.engram.bridge.link.Link;
import io.engram.bridge.link.SerialPortLink;
import io.engram.config.WireProtocol;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code engram bridge}: talk to an arm's firmware directly. */
@Command(
    name = "bridge",
    mixinStandardHelpOptions = true,
    versionProvider = EngramVersion.class,
    description = "Talk to an arm's firmware on a serial port.",
    subcommands = {BridgeCommand.Ping.class, BridgeCommand.Latency.class})
final class BridgeCommand implements Runnable {

  @CommandLine.Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options shared by the bridge subcommands. */
  static final class PortOptions {
    @Option(names = "--port", required = true, paramLabel = "PATH",
        description = "Serial port or pty of the arm.")
    String port;

    @Option(names = "--protocol", required = true, paramLabel = "engram|dynamixel2",
        converter = SimFirmwareCommand.ProtocolConverter.class, description = "Wire protocol.")
    WireProtocol protocol;

    @Option(names = "--baud", defaultValue = "1000000", paramLabel = "N",
        description = "Baud rate (default: ${DEFAULT-VALUE}; ptys ignore it).")
    int baud;

    @Option(names = "--timeout-ms", defaultValue = "50", paramLabel = "MS",
        description = "How long to wait for each answer (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    long timeoutNanos() {
      return TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }
  }

  /** {@code engram bridge ping}. */
  @Command(
      name = "ping",
      mixinStandardHelpOptions = true,
      versionProvider = EngramVersion.class,
      description = {
        "Print what answers on the port: the Engram firmware's versions and joints, or for"
            + " Dynamixel each id's model number and firmware version (all ids by broadcast"
            + " when --ids is not given).",
        "Exit status: 0 something answered, 1 nothing did."
      })
  static final class Ping implements Callable<Integer> {

    @CommandLine.Spec CommandSpec spec;

    @CommandLine.Mixin PortOptions port = new PortOptions();

    @Option(names = "--ids", split = ",", paramLabel = "ID",
        description = "Dynamixel ids to ping, for example 1,2.")
    List<Integer> ids;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (Link link = new SerialPortLink(port.port, port.baud)) {
        int found = port.protocol == WireProtocol.DYNAMIXEL2 ? dynamixel(link, out)
            : engram(link, out);
        out.flush();
        if (found == 0) {
          err.println("engram bridge ping: nothing answered on " + port.port);
          err.flush();
          return 1;
        }
        return 0;
      }
    }

    private int dynamixel(Link link, PrintWriter out) throws Exception {
      DynamixelMaster master = new DynamixelMaster(link, port.timeoutNanos());
      List<PingReply> replies = new ArrayList<>();
      if (ids == null || ids.isEmpty()) {
        replies.addAll(master.broadcastPing());
      } else {
        for (int id : ids) {
          try {
            replies.add(master.ping(id));
          } catch (DynamixelException e) {
            out.printf("id %d: %s%n", id, e.getMessage());
          }
        }
      }
      for (PingReply r : replies) {
        out.printf("id %d: model %d%s, firmware %d%n", r.id(), r.modelNumber(),
            r.modelNumber() == ControlTable.MODEL_XM430_W350 ? " (XM430-W350)" : "",
            r.firmwareVersion());
      }
      return replies.size();
    }

    private int engram(Link link, PrintWriter out) throws Exception {
      EngramChannel ch = new EngramChannel(link);
      List<Object> got = new ArrayList<>();
      PingCollector handler = new PingCollector(got);
      byte[] p = new byte[EngramProtocol.MAX_PAYLOAD];
      int n = new Hello(EngramProtocol.VERSION_MAJOR, EngramProtocol.VERSION_MINOR).encode(p, 0);
      ch.send(EngramProtocol.HELLO, p, n);
      await(ch, handler, got);
      if (got.isEmpty()) {
        return 0;
      }
      for (Object o : got) {
        if (o instanceof HelloReply) {
          HelloReply r = (HelloReply) o;
          out.printf("Engram firmware %d.%d, protocol %d.%d, %d joints, watchdog %d ms%n",
              r.firmwareVersion() >> 8, r.firmwareVersion() & 0xFF, r.major(), r.minor(),
              r.jointCount(), r.watchdogMillis());
        } else if (o instanceof Fault) {
          out.printf("fault: %s%n", o);
        }
      }
      got.clear();
      ch.send(EngramProtocol.STATE_REQUEST, p, 0);
      await(ch, handler, got);
      for (Object o : got) {
        if (o instanceof JointStateMessage) {
          JointStateMessage s = (JointStateMessage) o;
          for (int j = 0; j < s.jointCount(); j++) {
            out.printf("joint %d: %d counts, %.3f counts/s, %d mA, flags 0x%02x%n", j,
                s.positionCounts(j), s.velocityMilliCounts(j) / 1000.0, s.currentMilliAmps(j),
                s.jointFlags(j));
          }
        }
      }
      return 1;
    }

    private void await(EngramChannel ch, PingCollector h, List<Object> got) throws Exception {
      long deadline = System.nanoTime() + port.timeoutNanos();
      long left;
      while (got.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
        ch.poll(left, h);
      }
    }
  }

  /** Keeps copies of the Engram messages ping prints. */
  private static final class PingCollector implements io.engram.bridge.engram.FrameDecoder.Handler {
    private final List<Object> got;

    PingCollector(List<Object> got) {
      this.got = got;
    }

    @Override
    public void onFrame(Frame f) {
      switch (f.type()) {
        case EngramProtocol.HELLO_REPLY:
          got.add(HelloReply.decode(f.payload(), f.payloadOffset()));
          break;
        case EngramProtocol.FAULT:
          got.add(Fault.decode(f.payload(), f.payloadOffset()));
          break;
        case EngramProtocol.JOINT_STATE: {
          JointStateMessage m = new JointStateMessage();
          if (m.decode(f.payload(), f.payloadOffset(), f.payloadLength())) {
            got.add(m);
          }
          break;
        }
        default:
      }
    }
  }

  /** {@code engram bridge latency}. */
  @Command(
      name = "latency",
      mixinStandardHelpOptions = true,
      versionProvider = EngramVersion.class,
      description = {
        "Measure the round-trip time of one joint-state read (STATE_REQUEST to JOINT_STATE, or a"
            + " SYNC_READ of present current, velocity and position of every id) and print its"
            + " percentiles.",
        "Example: socat pty,raw,echo=0,link=/tmp/arm pty,raw,echo=0,link=/tmp/fw &"
            + " engram sim-firmware --port /tmp/fw & engram bridge latency --port /tmp/arm"
            + " --protocol engram"
      })
  static final class Latency implements Callable<Integer> {

    @CommandLine.Spec CommandSpec spec;

    @CommandLine.Mixin PortOptions port = new PortOptions();

    @Option(names = "--ids", split = ",", paramLabel = "ID", defaultValue = "1,2,3,4,5,6",
        description = "Dynamixel ids to read (default: ${DEFAULT-VALUE}).")
    int[] ids;

    @Option(names = "--count", defaultValue = "5000", paramLabel = "N",
        description = "Round trips to measure (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--warmup", defaultValue = "500", paramLabel = "N",
        description = "Round trips before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
      long lost = 0;
      try (Link link = new SerialPortLink(port.port, port.baud)) {
        RoundTrip trip = port.protocol == WireProtocol.DYNAMIXEL2
            ? new DynamixelRoundTrip(link, port.timeoutNanos(), ids)
            : new EngramRoundTrip(link, port.timeoutNanos());
        for (int i = 0; i < warmup + count; i++) {
          long t0 = System.nanoTime();
          boolean ok = trip.once();
          long dt = System.nanoTime() - t0;
          if (i < warmup) {
            continue;
          }
          if (ok) {
            h.recordValue(Math.min(dt, h.getHighestTrackableValue()));
          } else {
            lost++;
          }
        }
      }
      if (h.getTotalCount() == 0) {
        spec.commandLine().getErr().println("engram bridge latency: nothing answered on "
            + port.port);
        return 1;
      }
      out.printf("%s round trip on %s, %d reads (%d lost):%n",
          SimFirmwareCommand.ProtocolConverter.name(port.protocol), port.port, count, lost);
      out.printf("  median %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n",
          h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
          h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
          h.getMaxValue() / 1e3);
      out.flush();
      return 0;
    }
  }

  /** One measured exchange. */
  private interface RoundTrip {
    boolean once() throws Exception;
  }

  private static final class EngramRoundTrip implements RoundTrip {
    private final EngramChannel ch;
    private final long timeout;
    private final byte[] none = new byte[0];
    private final JointStateMessage state = new JointStateMessage();
    private final io.engram.bridge.engram.FrameDecoder.Handler h = this::onFrame;
    private int awaited;
    private boolean got;

    EngramRoundTrip(Link link, long timeout) {
      this.ch = new EngramChannel(link);
      this.timeout = timeout;
    }

    private void onFrame(Frame f) {
      if (f.type() == EngramProtocol.JOINT_STATE
          && state.decode(f.payload(), f.payloadOffset(), f.payloadLength())
          && state.ackSeq() == awaited) {
        got = true;
      }
    }

    @Override
    public boolean once() throws Exception {
      got = false;
      awaited = ch.send(EngramProtocol.STATE_REQUEST, none, 0);
      long deadline = System.nanoTime() + timeout;
      long left;
      while (!got && (left = deadline - System.nanoTime()) > 0) {
        ch.poll(left, h);
      }
      return got;
    }
  }

  private static final class DynamixelRoundTrip implements RoundTrip {
    private final DynamixelMaster master;
    private final int[] ids;
    private final byte[] out;
    private final int[] err;
    private final boolean[] got;

    DynamixelRoundTrip(Link link, long timeout, int[] ids) {
      this.master = new DynamixelMaster(link, timeout);
      this.ids = ids;
      this.out = new byte[ids.length * ControlTable.PRESENT_BLOCK_LENGTH];
      this.err = new int[ids.length];
      this.got = new boolean[ids.length];
    }

    @Override
    public boolean once() throws Exception {
      return master.syncRead(ControlTable.PRESENT_BLOCK, ControlTable.PRESENT_BLOCK_LENGTH, ids,
          ids.length, out, err, got) == ids.length;
    }
  }
}
