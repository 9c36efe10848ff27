package io.engram.bridge.safety;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import io.engram.config.ActiveLevel;
import io.engram.config.GpioConfig;
import io.engram.config.GpioOutputConfig;
import io.engram.config.PinPull;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Safety I/O on the board's pins through Pi4J: the e-stop input (pin, pull and active level from
 * the configuration, debounced and latched by {@link EstopLatch}; an edge cuts the motor-enable
 * output at once, from Pi4J's event thread, without waiting for the control loop), the
 * motor-enable output (de-asserted initially, on close, on Pi4J shutdown and by a JVM shutdown
 * hook) and an optional status LED (on while running, slow blink when ready, fast blink on a
 * fault).
 *
 * <p>On the board use {@link #onBoard(GpioConfig)} (Pi4J's gpiod provider); tests pass a context
 * built with Pi4J's mock providers.
 */
public final class Pi4jSafetyIo implements SafetyIo {

  private static final Logger LOG = LoggerFactory.getLogger(Pi4jSafetyIo.class);

  /** Pi4J provider ids of the gpiod plugin. */
  public static final String GPIOD_INPUT = "gpiod-digital-input";

  public static final String GPIOD_OUTPUT = "gpiod-digital-output";

  private final LongSupplier clock;
  private final Context context;
  private final boolean ownsContext;
  private final GpioConfig config;
  private final DigitalInput estop;
  private final DigitalOutput motorEnable;
  private final DigitalOutput led;
  private final EstopLatch latch;
  private final Thread shutdownHook;
  private final ScheduledExecutorService blinker;
  private ScheduledFuture<?> blinking;
  private boolean motorEnabled;
  private boolean closed;

  /**
   * Claims the configured pins of {@code context} through the given providers.
   *
   * @param ownsContext whether {@link #close()} shuts the context down
   */
  public Pi4jSafetyIo(Context context, GpioConfig config, String inputProvider,
      String outputProvider, boolean ownsContext) {
    this(context, config, inputProvider, outputProvider, ownsContext, System::nanoTime);
  }

  /** The same, with the clock that times e-stop edges for the debounce (tests inject one). */
  Pi4jSafetyIo(Context context, GpioConfig config, String inputProvider, String outputProvider,
      boolean ownsContext, LongSupplier clock) {
    this.clock = clock;
    this.context = context;
    this.ownsContext = ownsContext;
    this.config = config;
    this.latch = new EstopLatch(config.estop().debounce().toNanos());
    this.estop = context.create(DigitalInput.newConfigBuilder(context)
        .id("engram-estop")
        .name("e-stop")
        .address(config.estop().pin())
        .pull(pull(config.estop().pull()))
        .debounce(0L, TimeUnit.MICROSECONDS)
        .provider(inputProvider));
    this.motorEnable = output(context, "engram-motor-enable", "motor enable", config.motorEnable(),
        outputProvider);
    this.led = config.statusLed()
        .map(c -> output(context, "engram-status-led", "status LED", c, outputProvider))
        .orElse(null);
    this.blinker = led == null ? null : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "engram-status-led");
      t.setDaemon(true);
      return t;
    });
    this.shutdownHook = new Thread(this::deassertOnShutdown, "engram-motor-enable-off");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    DigitalStateChangeListener onEdge = e -> onEstopEdge(e.state());
    estop.addListener(onEdge);
    synchronized (this) {
      latch.sample(asserted(estop.state()), clock.getAsLong());
    }
    LOG.info("safety I/O on pins: e-stop {} (active {}), motor enable {} (active {}){}",
        config.estop().pin(), config.estop().active(), config.motorEnable().pin(),
        config.motorEnable().active(), led == null ? "" : ", status LED " + config.statusLed()
            .get().pin());
  }

  /** Safety I/O on the board, through Pi4J's gpiod provider. */
  public static Pi4jSafetyIo onBoard(GpioConfig config) {
    Context context = Pi4J.newAutoContext();
    try {
      return new Pi4jSafetyIo(context, config, GPIOD_INPUT, GPIOD_OUTPUT, true);
    } catch (RuntimeException e) {
      context.shutdown();
      throw e;
    }
  }

  private static DigitalOutput output(Context context, String id, String name, GpioOutputConfig c,
      String provider) {
    DigitalState off = level(c.active(), false);
    return context.create(DigitalOutput.newConfigBuilder(context)
        .id(id)
        .name(name)
        .address(c.pin())
        .initial(off)
        .shutdown(off)
        .provider(provider));
  }

  private static PullResistance pull(PinPull p) {
    switch (p) {
      case UP:
        return PullResistance.PULL_UP;
      case DOWN:
        return PullResistance.PULL_DOWN;
      default:
        return PullResistance.OFF;
    }
  }

  /** The pin level that asserts ({@code on}) or de-asserts a signal of the given active level. */
  private static DigitalState level(ActiveLevel active, boolean on) {
    return DigitalState.getState(active.isAsserted(true) == on);
  }

  private boolean asserted(DigitalState s) {
    return s != DigitalState.UNKNOWN && config.estop().active().isAsserted(s.isHigh());
  }

  private synchronized void onEstopEdge(DigitalState s) {
    boolean on = asserted(s);
    if (latch.sample(on, clock.getAsLong()) || on) {
      // Any assertion cuts the motor power at once; the latch decides whether it stays off.
      writeMotorEnable(false);
    }
  }

  @Override
  public synchronized boolean estopLatched(long nowNanos) {
    boolean latched = latch.sample(asserted(estop.state()), nowNanos);
    if (latched && motorEnabled) {
      writeMotorEnable(false);
    }
    return latched;
  }

  @Override
  public synchronized boolean resetEstop(long nowNanos) {
    latch.sample(asserted(estop.state()), nowNanos);
    return latch.reset();
  }

  @Override
  public synchronized void motorEnable(boolean on) {
    boolean allowed = on && !closed && !latch.latched() && !asserted(estop.state());
    writeMotorEnable(allowed);
  }

  private void writeMotorEnable(boolean on) {
    motorEnable.state(level(config.motorEnable().active(), on));
    motorEnabled = on;
  }

  @Override
  public synchronized boolean motorEnabled() {
    return motorEnabled;
  }

  @Override
  public synchronized void status(StatusLight light) {
    if (led == null || closed) {
      return;
    }
    if (blinking != null) {
      blinking.cancel(false);
      blinking = null;
    }
    GpioOutputConfig c = config.statusLed().get();
    switch (light) {
      case RUNNING:
        led.state(level(c.active(), true));
        break;
      case READY:
        blinking = blinker.scheduleAtFixedRate(led::toggle, 0, 500, TimeUnit.MILLISECONDS);
        break;
      case FAULT:
        blinking = blinker.scheduleAtFixedRate(led::toggle, 0, 125, TimeUnit.MILLISECONDS);
        break;
      default:
        led.state(level(c.active(), false));
    }
  }

  private void deassertOnShutdown() {
    try {
      synchronized (this) {
        writeMotorEnable(false);
      }
    } catch (RuntimeException e) {
      LOG.error("could not de-assert motor enable at shutdown", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    writeMotorEnable(false);
    closed = true;
    if (blinker != null) {
      blinker.shutdownNow();
      led.state(level(config.statusLed().get().active(), false));
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down; the hook runs anyway
    }
    if (ownsContext) {
      context.shutdown();
    }
  }

  DigitalInput estopInput() {
    return estop;
  }

  DigitalOutput motorEnableOutput() {
    return motorEnable;
  }

  DigitalOutput statusLedOutput() {
    return led;
  }
}
