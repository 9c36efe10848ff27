package io.engram.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** mosquitto_sub and mosquitto_pub as the outside clients. */
public final class MosquittoClients {

  private MosquittoClients() {}

  /** Publishes with mosquitto_pub (QoS 1) and waits for it to exit. */
  static void publish(int port, String topic, List<String> payloadArgs, String... extra)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(MosquittoBroker.require("mosquitto_pub").toString(),
        "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "1", "-t", topic));
    cmd.addAll(List.of(extra));
    cmd.addAll(payloadArgs);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("mosquitto_pub failed: " + out);
    }
  }

  public static void publish(int port, String topic, String message) throws Exception {
    publish(port, topic, List.of("-m", message));
  }

  /** A running mosquitto_sub -v printing every message of a filter, one per line. */
  public static final class Subscriber implements AutoCloseable {
    public record Line(String topic, String payload) {
      public JsonNode json() {
        try {
          return new ObjectMapper().readTree(payload);
        } catch (IOException e) {
          throw new AssertionError("not JSON on " + topic + ": " + payload, e);
        }
      }
    }

    private final Process process;
    private final LinkedBlockingQueue<Line> lines = new LinkedBlockingQueue<>();
    private final List<Line> kept = new ArrayList<>();

    public Subscriber(int port, String filter, String... extra) throws Exception {
      List<String> cmd = new ArrayList<>(List.of(MosquittoBroker.require("mosquitto_sub").toString(),
          "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "1", "-v", "-t", filter));
      cmd.addAll(List.of(extra));
      process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            int space = line.indexOf(' ');
            lines.add(space < 0 ? new Line(line, "") : new Line(line.substring(0, space),
                line.substring(space + 1)));
          }
        } catch (IOException ignored) {
          // process ended
        }
      }, "mosquitto_sub-reader");
      reader.setDaemon(true);
      reader.start();
    }

    public Line await(Predicate<Line> which, long timeoutMs) throws InterruptedException {
      synchronized (kept) {
        for (Line l : kept) {
          if (which.test(l)) {
            kept.remove(l);
            return l;
          }
        }
      }
      long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
      while (true) {
        long left = deadline - System.nanoTime();
        Line l = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
        if (l == null) {
          throw new AssertionError("mosquitto_sub saw no matching message in " + timeoutMs
              + " ms; seen topics " + kept.stream().map(Line::topic).distinct().toList());
        }
        if (which.test(l)) {
          return l;
        }
        synchronized (kept) {
          kept.add(l);
        }
      }
    }

    public Line awaitTopic(String topic, long timeoutMs) throws InterruptedException {
      return await(l -> l.topic().equals(topic), timeoutMs);
    }

    List<Line> drain() {
      synchronized (kept) {
        lines.drainTo(kept);
        return new ArrayList<>(kept);
      }
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
