package io.engram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code engram sim-firmware} on one end of a socat pty pair, {@code engram bridge} on the other. */
class BridgeCommandTest {

  private static Process socat(Path a, Path b) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "socat is not installed: the pty test of engram bridge is skipped");
      throw e;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(Files.exists(a) && Files.exists(b)) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return p;
  }

  private static ConfigCommandTest.Run bridge(String... args) {
    return ConfigCommandTest.engram(args);
  }

  private static void pingBothProtocols(Path arm, Path fw, String protocol, String expect)
      throws Exception {
    SimFirmwareCommand sim = new SimFirmwareCommand();
    CommandLine simCli = new CommandLine(sim);
    simCli.setOut(new PrintWriter(new StringWriter()));
    Thread t = new Thread(() -> simCli.execute("--port", fw.toString(), "--protocol", protocol));
    t.start();
    try {
      ConfigCommandTest.Run run = null;
      for (int i = 0; i < 50; i++) {
        run = bridge("bridge", "ping", "--port", arm.toString(), "--protocol", protocol);
        if (run.status() == 0) {
          break;
        }
        Thread.sleep(50);
      }
      assertEquals(0, run.status(), run.err());
      assertTrue(run.out().contains(expect), run.out());
      ConfigCommandTest.Run lat = bridge("bridge", "latency", "--port", arm.toString(),
          "--protocol", protocol, "--count", "200", "--warmup", "20");
      assertEquals(0, lat.status(), lat.err());
      assertTrue(lat.out().contains("median"), lat.out());
    } finally {
      sim.stop.countDown();
      t.join(5000);
    }
  }

  @Test
  void pingsTheEmulatedFirmwareOverAPty(@TempDir Path dir) throws Exception {
    Path arm = dir.resolve("arm");
    Path fw = dir.resolve("fw");
    Process socat = socat(arm, fw);
    try {
      pingBothProtocols(arm, fw, "engram", "Engram firmware 1.0, protocol 1.0, 6 joints");
      pingBothProtocols(arm, fw, "dynamixel2", "id 6: model 1020 (XM430-W350)");
      ConfigCommandTest.Run none = bridge("bridge", "ping", "--port", arm.toString(),
          "--protocol", "dynamixel2", "--ids", "1,2", "--timeout-ms", "20");
      assertEquals(1, none.status(), "nothing answers once the firmware stopped");
      assertTrue(none.err().contains("nothing answered"), none.err());
    } finally {
      socat.destroy();
      socat.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMissingPortIsOneLineOfError() {
    ConfigCommandTest.Run run = bridge("bridge", "ping", "--port", "/dev/engram-none",
        "--protocol", "engram");
    assertEquals(1, run.status());
    assertTrue(run.err().contains("cannot open serial port /dev/engram-none"), run.err());
  }
}
