package io.engram.mqtt;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's mosquitto as a child process on a free local port, configured from a file the test
 * writes; stops with SIGKILL on {@link #kill()}. Tests skip where mosquitto is not installed.
 */
public final class MosquittoBroker implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final List<String> extraConfig;
  private Process process;

  private MosquittoBroker(Path dir, int port, List<String> extraConfig) {
    this.dir = dir;
    this.port = port;
    this.extraConfig = extraConfig;
  }

  /** Skips the calling test (JUnit assumption) unless {@code program} is on the PATH. */
  public static Path require(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      for (String base : List.of(d, "/usr/sbin", "/sbin")) {
        Path p = Path.of(base, program);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    Assumptions.assumeTrue(false, program + " is not installed (apt-get install mosquitto"
        + " mosquitto-clients); skipping the tests against Debian's mosquitto");
    return null;
  }

  /** A plain anonymous listener. */
  public static MosquittoBroker start(Path dir) throws Exception {
    return start(dir, freePort(), List.of("allow_anonymous true"));
  }

  /** A listener on {@code port} with the given configuration lines (after the listener line). */
  static MosquittoBroker start(Path dir, int port, List<String> config) throws Exception {
    require("mosquitto");
    MosquittoBroker b = new MosquittoBroker(dir, port, config);
    b.restart();
    return b;
  }

  void restart() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("listener " + port + " 127.0.0.1");
    lines.addAll(extraConfig);
    if ("root".equals(System.getProperty("user.name"))) {
      lines.add("user root"); // else mosquitto drops to its own user, who cannot read the test's files
    }
    lines.add("persistence false");
    lines.add("log_dest stderr");
    lines.add("log_type error");
    lines.add("log_type warning");
    Path conf = dir.resolve("mosquitto-" + port + ".conf");
    Files.write(conf, lines);
    process = new ProcessBuilder(require("mosquitto").toString(), "-c", conf.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto-" + port + ".log").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IllegalStateException("mosquitto exited: "
              + Files.readString(dir.resolve("mosquitto-" + port + ".log")));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("mosquitto did not listen on " + port);
        }
        Thread.sleep(20);
      }
    }
  }

  /** A local port nothing listens on now. */
  static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** Kills the broker with SIGKILL and waits until it is gone. */
  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      process = null;
    }
  }

  public int port() {
    return port;
  }

  String uri(String scheme) {
    return scheme + "://" + (scheme.equals("ssl") ? "localhost" : "127.0.0.1") + ":" + port;
  }

  public String uri() {
    return uri("tcp");
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
