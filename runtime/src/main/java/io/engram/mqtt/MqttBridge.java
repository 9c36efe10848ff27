package io.engram.mqtt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.engram.config.MqttConfig;
import io.engram.remote.Ack;
import io.engram.remote.BundleExchange;
import io.engram.remote.CommandName;
import io.engram.remote.CommandResult;
import io.engram.remote.CommandRouter;
import io.engram.remote.ErrorCode;
import io.engram.telemetry.CrossbarHealth;
import io.engram.telemetry.JointSampleRing;
import io.engram.telemetry.LearningReport;
import io.engram.telemetry.LoopStats;
import io.engram.telemetry.LoopStatsSource;
import io.engram.telemetry.NetworkActivity;
import io.engram.telemetry.RuntimeState;
import io.engram.telemetry.TelemetrySink;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's MQTT client (Eclipse Paho, MQTT 3.1.1): publishes telemetry and the retained
 * status, receives commands and bundles. One publisher thread owns the connection: it connects
 * and reconnects with a doubling backoff, publishes what the runtime queued, batches joint
 * samples and pulls loop statistics at their rates. Nothing the runtime calls ever waits on the
 * broker: messages go through bounded queues that drop and count when the broker is slow or
 * gone. Nothing is persisted to disk.
 *
 * <p>Commands arrive on Paho's thread; {@code estop} is carried out there at once, the others are
 * started on a single command thread, one at a time, and answered when their handler is done (a
 * handler that takes a while, such as adapt or run, works on a thread of its own, so the command
 * thread is free for the next command); bundles are verified on a thread of their own.
 */
public final class MqttBridge implements TelemetrySink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);
  private static final long MIN_BACKOFF_NANOS = 250_000_000L;
  private static final int CONTROL_CAPACITY = 64;
  private static final int COMMAND_BACKLOG = 8;

  /** Counters of the MQTT link, as published on {@code telemetry/mqtt}. */
  public record Counters(long published, long droppedQueueFull, long droppedJointSamples,
      long lostInFlight, long connects, long commandsReceived, long bundlesReceived) {}

  private record Outgoing(String topic, byte[] payload, boolean retained) {}

  private final MqttConfig config;
  private final Topics topics;
  private final TelemetryJson json;
  private final List<String> jointNames;
  private final CommandRouter router;
  private final BundleExchange bundles;
  private final MqttClient client;
  private final MqttConnectOptions options;
  private final boolean authenticated;
  private final boolean commandsAccepted;
  private final JointSampleRing joints;
  private final BlockingQueue<Outgoing> control = new ArrayBlockingQueue<>(CONTROL_CAPACITY);
  private final BlockingQueue<Outgoing> telemetry;
  private final ExecutorService commandThread;
  private final ExecutorService bundleThread;
  private final Thread publisher;
  private final long epochNanosAtStart;
  private final long nanoAtStart;

  private final AtomicLong published = new AtomicLong();
  private final AtomicLong droppedQueueFull = new AtomicLong();
  private final AtomicLong lostInFlight = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong commandsReceived = new AtomicLong();
  private final AtomicLong bundlesReceived = new AtomicLong();

  private volatile boolean running = true;
  private volatile boolean ready;
  private volatile LoopStatsSource loopStats;
  private volatile RuntimeState state = RuntimeState.ONLINE;
  private volatile String stateDetail = "";
  private volatile Instant stateSince = Instant.now();

  /**
   * Prepares the client; {@link #start()} connects.
   *
   * @param config the MQTT section of the configuration
   * @param robotId the robot's id, carried in every payload
   * @param jointNames the names of the joints whose samples {@link #joints} receives
   * @param router where commands go (its handlers may be registered later)
   * @param bundles where delivered bundles go
   * @throws IOException if the TLS files or the credentials file cannot be read
   */
  public MqttBridge(MqttConfig config, String robotId, List<String> jointNames, CommandRouter router,
      BundleExchange bundles) throws IOException {
    this.config = Objects.requireNonNull(config, "config");
    this.topics = new Topics(config.topicPrefix());
    this.json = new TelemetryJson(robotId);
    this.jointNames = List.copyOf(jointNames);
    this.router = Objects.requireNonNull(router, "router");
    this.bundles = Objects.requireNonNull(bundles, "bundles");
    var t = config.telemetry();
    double batchS = t.jointBatchPeriod().toNanos() * 1e-9;
    int ringCapacity = (int) Math.max(16, Math.ceil(t.jointSampleRateHz() * batchS * 4));
    this.joints = new JointSampleRing(Math.max(1, jointNames.size()), ringCapacity, t.jointSampleRateHz());
    this.telemetry = new ArrayBlockingQueue<>(t.queueCapacity());

    options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval((int) Math.max(1, config.keepAlive().toSeconds()));
    options.setConnectionTimeout((int) Math.max(1, Math.ceil(config.connectTimeout().toMillis() / 1000.0)));
    options.setMaxInflight(Math.max(10, t.queueCapacity()));
    boolean clientCertificate = false;
    if (config.tls().isPresent()) {
      options.setSocketFactory(TlsContexts.socketFactory(config.tls().get()));
      options.setHttpsHostnameVerificationEnabled(true);
      clientCertificate = config.tls().get().certFile().isPresent();
    }
    boolean password = false;
    if (config.credentialsFile().isPresent()) {
      MqttCredentials credentials = MqttCredentials.read(config.credentialsFile().get());
      options.setUserName(credentials.userName());
      options.setPassword(credentials.password());
      password = true;
    }
    this.authenticated = password || clientCertificate;
    this.commandsAccepted = authenticated || !config.commandsRequireAuth();
    options.setWill(topics.status(), json.bytes(statusJson(RuntimeState.OFFLINE,
        "connection lost (last will)")), config.qos(), true);

    try {
      client = new MqttClient(config.brokerUri(), config.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IOException("MQTT client for " + config.brokerUri() + ": " + e.getMessage(), e);
    }
    client.setTimeToWait(Math.max(1000, config.connectTimeout().toMillis()));
    client.setCallback(new Callback());
    commandThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(COMMAND_BACKLOG), r -> daemon(r, "engram-mqtt-commands"));
    bundleThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(1), r -> daemon(r, "engram-mqtt-bundles"));
    epochNanosAtStart = Instant.now().toEpochMilli() * 1_000_000L;
    nanoAtStart = System.nanoTime();
    publisher = daemon(this::publishLoop, "engram-mqtt-publisher");
    if (config.commandsRequireAuth() && !authenticated) {
      LOG.warn("MQTT connection is not authenticated (no credentials-file, no client certificate):"
          + " only cmd/estop is accepted; other commands and bundles are refused");
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Starts the publisher thread, which connects in the background. Returns at once. */
  public MqttBridge start() {
    publisher.start();
    return this;
  }

  public Topics topics() {
    return topics;
  }

  /** Whether the broker connection is up now, with the subscriptions in place. */
  public boolean connected() {
    return ready && client.isConnected();
  }

  /** Whether commands other than the e-stop are accepted on this connection. */
  public boolean commandsAccepted() {
    return commandsAccepted;
  }

  public Counters counters() {
    return new Counters(published.get(), droppedQueueFull.get(), joints.dropped(), lostInFlight.get(),
        connects.get(), commandsReceived.get(), bundlesReceived.get());
  }

  // ---- TelemetrySink ---------------------------------------------------------------------------

  @Override
  public void joints(long nanos, double[] position, double[] velocity, double[] command) {
    joints.offer(nanos, position, velocity, command);
  }

  @Override
  public void state(RuntimeState newState, String detail) {
    state = Objects.requireNonNull(newState, "state");
    stateDetail = detail == null ? "" : detail;
    stateSince = Instant.now();
    control(new Outgoing(topics.status(), json.bytes(statusJson(newState, stateDetail)), true));
  }

  @Override
  public void loopStats(LoopStatsSource source) {
    loopStats = source;
  }

  @Override
  public void network(NetworkActivity activity) {
    offer(topics.telemetry("network"), json.of(activity));
  }

  @Override
  public void learning(LearningReport report) {
    offer(topics.telemetry("learning"), json.of(report));
  }

  @Override
  public void crossbar(CrossbarHealth health) {
    offer(topics.telemetry("crossbar"), json.of(health));
  }

  private void offer(String topic, ObjectNode payload) {
    if (!telemetry.offer(new Outgoing(topic, json.bytes(payload), false))) {
      droppedQueueFull.incrementAndGet();
    }
  }

  private void control(Outgoing message) {
    if (!control.offer(message)) {
      droppedQueueFull.incrementAndGet();
      LOG.warn("MQTT control queue full; dropped a message to {}", message.topic());
    }
  }

  private void answer(Ack ack) {
    control(new Outgoing(topics.ack(), json.bytes(json.ack(ack)), false));
  }

  private ObjectNode statusJson(RuntimeState s, String detail) {
    ObjectNode o = json.object();
    o.put("state", s.wireName());
    o.put("detail", detail);
    o.put("since", (s == RuntimeState.OFFLINE ? Instant.now() : stateSince).toString());
    o.put("commands", commandsAccepted ? "all" : "estop-only");
    o.put("bundle_sha256", bundles.activeSha256().orElse(null));
    o.put("bundle_pending", bundles.hasPending());
    return o;
  }

  // ---- publisher thread --------------------------------------------------------------------------

  private void publishLoop() {
    long backoff = MIN_BACKOFF_NANOS;
    long maxBackoff = Math.max(MIN_BACKOFF_NANOS, config.reconnectMaxBackoff().toNanos());
    long batchNanos = config.telemetry().jointBatchPeriod().toNanos();
    long statsNanos = config.telemetry().statsPeriod().toNanos();
    long nextBatch = System.nanoTime() + batchNanos;
    long nextStats = System.nanoTime() + statsNanos;
    while (running) {
      if (!client.isConnected()) {
        ready = false;
        if (connect()) {
          backoff = MIN_BACKOFF_NANOS;
        } else {
          sleepNanos(backoff);
          backoff = Math.min(maxBackoff, backoff * 2);
        }
        continue;
      }
      try {
        long now = System.nanoTime();
        if (now >= nextBatch) {
          publishJointBatch();
          nextBatch = now + batchNanos;
        }
        if (now >= nextStats) {
          publishStats();
          nextStats = now + statsNanos;
        }
        Outgoing m = control.poll();
        if (m == null) {
          long wait = Math.min(nextBatch, nextStats) - System.nanoTime();
          m = telemetry.poll(Math.max(0, Math.min(wait, 5_000_000L)), TimeUnit.NANOSECONDS);
        }
        if (m != null) {
          publish(m);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("MQTT publisher", e);
      }
    }
  }

  private boolean connect() {
    try {
      client.connect(options);
      connects.incrementAndGet();
      LOG.info("MQTT connected to {} as {} (topics under {})", config.brokerUri(), config.clientId(),
          topics.prefix());
      if (commandsAccepted) {
        client.subscribe(new String[] {topics.commandFilter(), topics.bundle()}, new int[] {1, 1});
      } else {
        client.subscribe(topics.command(CommandName.ESTOP.wireName()), 1);
      }
      publish(new Outgoing(topics.status(), json.bytes(statusJson(state, stateDetail)), true));
      ready = true;
      return true;
    } catch (MqttException e) {
      LOG.warn("MQTT connection to {} failed: {}", config.brokerUri(), describe(e));
      if (client.isConnected()) {
        try {
          client.disconnectForcibly(0, 100);
        } catch (MqttException ignored) {
          // already gone
        }
      }
      return false;
    }
  }

  private void publish(Outgoing m) {
    try {
      client.publish(m.topic(), m.payload(), config.qos(), m.retained());
      published.incrementAndGet();
    } catch (MqttException e) {
      lostInFlight.incrementAndGet();
      LOG.debug("publish to {} lost: {}", m.topic(), describe(e));
    }
  }

  private void publishJointBatch() {
    ObjectNode o = json.object();
    ArrayNode names = o.putArray("joints");
    jointNames.forEach(names::add);
    ArrayNode time = o.putArray("time_s");
    ArrayNode position = o.putArray("position_rad");
    ArrayNode velocity = o.putArray("velocity_rad_s");
    ArrayNode command = o.putArray("command_rad_s");
    int n = joints.drain((nanos, v, off, count) -> {
      time.add((epochNanosAtStart + (nanos - nanoAtStart)) * 1e-9);
      ArrayNode p = position.addArray();
      ArrayNode w = velocity.addArray();
      ArrayNode c = command.addArray();
      for (int j = 0; j < count; j++) {
        p.add(v[off + j]);
        w.add(v[off + count + j]);
        c.add(v[off + 2 * count + j]);
      }
    });
    o.put("dropped", joints.dropped());
    if (n > 0) {
      publish(new Outgoing(topics.telemetry("joints"), json.bytes(o), false));
    }
  }

  private void publishStats() {
    LoopStatsSource source = loopStats;
    if (source != null) {
      try {
        LoopStats s = source.loopStats();
        if (s != null) {
          publish(new Outgoing(topics.telemetry("loop"), json.bytes(json.of(s)), false));
        }
      } catch (RuntimeException e) {
        LOG.warn("loop statistics unavailable: {}", e.toString());
      }
    }
    ObjectNode o = json.of(counters());
    o.put("queued", telemetry.size());
    o.put("connected", client.isConnected());
    publish(new Outgoing(topics.telemetry("mqtt"), json.bytes(o), false));
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String describe(MqttException e) {
    Throwable cause = e.getCause();
    return e.getMessage() + " (reason " + e.getReasonCode() + ")"
        + (cause != null ? ": " + cause.getMessage() : "");
  }

  // ---- incoming -----------------------------------------------------------------------------------

  private void received(String topic, MqttMessage message) {
    if (topic.equals(topics.bundle())) {
      bundlesReceived.incrementAndGet();
      byte[] payload = message.getPayload();
      try {
        bundleThread.execute(() -> {
          Ack ack = bundles.offer(payload);
          answer(ack);
          if (ack.result().ok()) {
            // The status says a verified bundle waits.
            control(new Outgoing(topics.status(), json.bytes(statusJson(state, stateDetail)), true));
          }
        });
      } catch (RejectedExecutionException e) {
        answer(new Ack(null, "bundle", CommandResult.failure(ErrorCode.BUSY,
            "another bundle is being verified; deliver this one again later")));
      }
      return;
    }
    String name = topics.commandName(topic);
    if (name == null || name.equals("ack")) {
      return;
    }
    commandsReceived.incrementAndGet();
    if (message.isRetained()) {
      answer(new Ack(null, name, CommandResult.failure(ErrorCode.REFUSED,
          "retained command ignored: publish commands without the retain flag")));
      return;
    }
    byte[] payload = message.getPayload();
    if (name.equals(CommandName.ESTOP.wireName())) {
      answer(router.dispatch(name, payload));
      return;
    }
    if (!commandsAccepted) {
      answer(new Ack(null, name, CommandResult.failure(ErrorCode.REFUSED,
          "commands need an authenticated connection")));
      return;
    }
    try {
      commandThread.execute(() -> router.submit(name, payload).thenAccept(this::answer));
    } catch (RejectedExecutionException e) {
      answer(new Ack(null, name, CommandResult.failure(ErrorCode.BUSY,
          COMMAND_BACKLOG + " commands are already waiting")));
    }
  }

  private final class Callback implements MqttCallbackExtended {
    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void connectionLost(Throwable cause) {
      LOG.warn("MQTT connection lost: {}", cause == null ? "unknown" : cause.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      try {
        received(topic, message);
      } catch (RuntimeException e) {
        LOG.error("handling a message on {}", topic, e);
      }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }

  // ---- shutdown ---------------------------------------------------------------------------------

  /**
   * Publishes the {@code offline} status (when connected), disconnects and stops the threads.
   * Never throws.
   */
  @Override
  public void close() {
    running = false;
    publisher.interrupt();
    try {
      publisher.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    commandThread.shutdownNow();
    bundleThread.shutdownNow();
    try {
      if (client.isConnected()) {
        client.publish(topics.status(), json.bytes(statusJson(RuntimeState.OFFLINE, "shut down")),
            config.qos(), true);
        client.disconnect(1000);
      }
    } catch (MqttException e) {
      LOG.debug("MQTT disconnect: {}", describe(e));
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("MQTT close: {}", describe(e));
    }
  }
}
