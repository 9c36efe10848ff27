package io.engram.bridge.link;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal pair made by socat, reachable through two symlinks; tests that need one are
 * skipped (with the reason) where socat is not installed.
 */
public final class SocatPty implements AutoCloseable {

  private final Path a;
  private final Path b;
  private Process process;

  private SocatPty(Path dir) {
    this.a = dir.resolve("host");
    this.b = dir.resolve("device");
  }

  /** Starts socat with links in {@code dir}; skips the test when socat is missing. */
  public static SocatPty start(Path dir) throws IOException, InterruptedException {
    assumeTrue(socatInstalled(), "socat is not installed: pty integration tests are skipped");
    SocatPty p = new SocatPty(dir);
    p.restart();
    return p;
  }

  static boolean socatInstalled() {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(d, "socat"))) {
        return true;
      }
    }
    return false;
  }

  /** (Re)starts socat, making both links point at fresh ptys. */
  public void restart() throws IOException, InterruptedException {
    process = new ProcessBuilder("socat", "-d", "-d",
        "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(Files.exists(a) && Files.exists(b))) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IOException("socat did not create " + a + " and " + b);
      }
      Thread.sleep(5);
    }
  }

  /** Kills socat: both ptys vanish, as an unplugged adapter. */
  public void kill() throws InterruptedException {
    process.destroy();
    process.waitFor(5, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while ((Files.exists(a) || Files.exists(b)) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  public String hostPath() {
    return a.toString();
  }

  public String devicePath() {
    return b.toString();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }
}
