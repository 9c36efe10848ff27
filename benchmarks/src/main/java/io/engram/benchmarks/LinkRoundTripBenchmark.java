package io.engram.benchmarks;

import io.engram.bridge.emulation.EmulatedArmRig;
import io.engram.bridge.hardware.ArmHardware;
import io.engram.bridge.hardware.Health;
import io.engram.bridge.link.Link;
import io.engram.bridge.link.SerialPortLink;
import io.engram.bridge.safety.SimulatedSafetyIo;
import io.engram.config.EngramConfig;
import io.engram.config.LinkConfig;
import io.engram.config.Transport;
import io.engram.config.WireProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round trip of the arm's I/O through {@link ArmHardware}, against the emulated ED-Scorbot: {@code
 * read} is one joint-state read (Engram STATE_REQUEST to JOINT_STATE, or a Dynamixel SYNC_READ of
 * six servos), {@code readWrite} a read and a motor command, as one control period does. {@code
 * link=memory} (an in-process link, the baseline) against {@code link=pty}: jSerialComm on both
 * ends of a socat pty pair, the software path of a serial link (ptys ignore the baud rate).
 * Sample-time mode reports the percentiles; run with {@code -prof gc} to see that the path does
 * not allocate.
 *
 * <p>The pty variant needs socat on the PATH.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LinkRoundTripBenchmark {

  /** The emulated arm behind a configured hardware interface, inactive (reads only). */
  @State(Scope.Thread)
  public static class IdleArm extends ArmRig {
    @Setup(Level.Trial)
    public void setUp() throws Exception {
      start(false);
    }
  }

  /** The same, activated: the motors take commands. */
  @State(Scope.Thread)
  public static class ActiveArm extends ArmRig {
    @Setup(Level.Trial)
    public void setUp() throws Exception {
      start(true);
    }
  }

  @Benchmark
  public Health read(IdleArm arm) {
    return arm.hardware.read(System.nanoTime());
  }

  @Benchmark
  public Health readWrite(ActiveArm arm) {
    Health h = arm.hardware.read(System.nanoTime());
    arm.hardware.write(System.nanoTime());
    return h;
  }

  /** Starts the emulated arm on the chosen link and configures the hardware interface. */
  @State(Scope.Thread)
  public abstract static class ArmRig {
    @Param({"memory", "pty"})
    public String link;

    @Param({"ENGRAM", "DYNAMIXEL2"})
    public WireProtocol protocol;

    private Path dir;
    private Process socat;
    private EmulatedArmRig rig;
    ArmHardware hardware;
    private SimulatedSafetyIo safety;

    void start(boolean activate) throws Exception {
      EngramConfig d = EngramConfig.defaults();
      LinkConfig l = d.link();
      LinkConfig cfg = new LinkConfig(Transport.EMULATED, protocol, Optional.empty(), l.baud(),
          Duration.ofMillis(20), 2, l.emulator(), l.dynamixel());
      safety = new SimulatedSafetyIo(d.gpio());
      ArmHardware.LinkOpener opener;
      if (link.equals("memory")) {
        rig = EmulatedArmRig.inProcess(d.robot(), cfg);
        Link host = rig.hostLink();
        opener = () -> host;
      } else {
        dir = Files.createTempDirectory("engram-bench");
        Path a = dir.resolve("host");
        Path b = dir.resolve("device");
        socat = startSocat(a, b);
        rig = EmulatedArmRig.serve(d.robot(), cfg, new SerialPortLink(b.toString(), l.baud()), null);
        opener = () -> new SerialPortLink(a.toString(), l.baud());
      }
      safety.onMotorPower(rig.arm()::motorPower);
      hardware = new ArmHardware(d.robot(), cfg, d.control(), opener, safety);
      try {
        hardware.configure();
        if (activate) {
          hardware.activate();
        }
      } catch (Exception e) {
        tearDown(); // JMH skips the tear-down of a failed set-up: do not leave socat running
        throw e;
      }
    }

    private static Process startSocat(Path a, Path b) throws IOException, InterruptedException {
      Process p;
      try {
        p = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
      } catch (IOException e) {
        throw new IOException("the pty benchmark needs socat on the PATH", e);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!(Files.exists(a) && Files.exists(b))) {
        if (System.nanoTime() > deadline) {
          p.destroy();
          throw new IOException("socat did not create " + a + " and " + b);
        }
        Thread.sleep(5);
      }
      return p;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      hardware.shutdown();
      rig.close();
      if (socat != null) {
        socat.destroy();
        socat.waitFor(5, TimeUnit.SECONDS);
        Files.deleteIfExists(dir.resolve("host"));
        Files.deleteIfExists(dir.resolve("device"));
        Files.deleteIfExists(dir);
      }
    }
  }
}
