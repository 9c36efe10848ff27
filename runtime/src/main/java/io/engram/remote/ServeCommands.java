package io.engram.remote;

import io.engram.bridge.hardware.HardwareException;
import io.engram.bridge.hardware.LifecycleState;
import io.engram.control.LoopOutcome;
import io.engram.session.LearnedMotion;
import io.engram.session.Session;
import io.engram.session.TrialReport;
import io.engram.telemetry.LearningReport;
import io.engram.telemetry.RuntimeState;
import io.engram.telemetry.TelemetrySink;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Session} driven by remote commands ({@code engram run --serve}): the arm waits, idle,
 * for {@code adapt} (learn a target: one inner-loop update, no motion), {@code run} (perform the
 * motion learned last in the control loop) and {@code stop} (end that motion: zero velocity,
 * motors disabled), besides {@code estop} and {@code reset} as {@link SessionCommands} handles them.
 *
 * <p>Adapting and running take one worker thread, one job at a time; the command thread only
 * checks a request and starts it, so {@code stop} and {@code estop} are answered while a motion
 * runs, and the control loop's own thread never waits on a command. A command that does not fit
 * the state is refused at once: {@code busy} while a job runs, {@code refused} while the e-stop is
 * latched or after a fault (until {@code reset}), {@code not_learned} for a run before any
 * adaptation. The status follows: {@code adapting} and {@code running} while a job runs, then
 * {@code idle}, or {@code fault} when the arm stopped the motion (a stale sensor, a link or arm
 * fault; the motors are disabled), or {@code estop} when the e-stop latched meanwhile. Each adapt first takes a verified bundle waiting in the {@link BundleExchange}: a
 * delivered bundle thus takes over between trials, and an adaptation under way keeps the one it
 * started with.
 */
public final class ServeCommands implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommands.class);
  private static final long STOP_REPEAT_MILLIS = 20;

  private final Session session;
  private final TelemetrySink sink;
  private final BundleExchange bundles;
  private final ExecutorService worker;
  private final ScheduledExecutorService stopper;
  private final Object lock = new Object();

  // Guarded by lock.
  private RuntimeState busy;
  private String busyWith;
  private CompletableFuture<CommandResult> job = CompletableFuture.completedFuture(null);
  private int adaptations;
  private String fault;

  private volatile LearnedMotion learned;
  private volatile String learnedWith;
  private volatile String stopRequestedBy;

  /**
   * @param session the session whose arm and trainee the commands drive
   * @param sink where status and telemetry go
   * @param bundles where delivered bundles wait for the next adaptation
   */
  public ServeCommands(Session session, TelemetrySink sink, BundleExchange bundles) {
    this.session = session;
    this.sink = sink;
    this.bundles = bundles;
    this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, "engram-serve"));
    this.stopper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "engram-serve-stop"));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** Registers every command's handler and hooks the loop's telemetry up. */
  public void attach(CommandRouter router) {
    new SessionCommands(session, sink).attach(router);
    router.registerDeferred(CommandName.ADAPT, this::adapt);
    router.registerDeferred(CommandName.RUN, this::run);
    router.registerDeferred(CommandName.STOP, this::stop);
    router.register(CommandName.RESET, this::reset);
  }

  /** Publishes {@code idle}: the arm waits for commands. */
  public void ready(String detail) {
    synchronized (lock) {
      sink.state(session.remoteEstopLatched() ? RuntimeState.ESTOP : RuntimeState.IDLE, detail);
    }
  }

  /** The motion learned last, if any. */
  public Optional<LearnedMotion> learned() {
    return Optional.ofNullable(learned);
  }

  /** Whether an adaptation or a motion is under way. */
  public boolean busy() {
    synchronized (lock) {
      return busy != null;
    }
  }

  // ---- adapt --------------------------------------------------------------------------------------

  private CompletionStage<CommandResult> adapt(Command c) {
    synchronized (lock) {
      CommandResult refusal = refusal(c);
      if (refusal != null) {
        return CompletableFuture.completedFuture(refusal);
      }
      int index = adaptations++;
      return begin(RuntimeState.ADAPTING, c, () -> adaptNow(c, index));
    }
  }

  private CommandResult adaptNow(Command c, int index) {
    bundles.takePending().ifPresent(b -> {
      session.useMetaParameters(b.meta());
      LOG.info("bundle {} takes over from this adaptation on", b.sha256());
    });
    String bundle = bundles.activeSha256().orElse(null);
    LearnedMotion m = session.adapt(index, c.target().orElseThrow());
    LearningReport r = AdaptationTelemetry.publish(sink, session, c.id(), bundle, m);
    learned = m;
    learnedWith = c.id();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rule", r.rule());
    result.put("bundle_sha256", bundle);
    result.put("error_before_cm", r.errorBeforeCm());
    result.put("error_after_cm", r.errorAfterCm());
    result.put("cells_written", r.cellsWritten());
    result.put("devices_programmed", r.devicesProgrammed());
    result.put("duration_s", r.durationS());
    result.put("clipped", m.outcome().task().clipped());
    return CommandResult.success(result);
  }

  // ---- run ----------------------------------------------------------------------------------------

  private CompletionStage<CommandResult> run(Command c) {
    synchronized (lock) {
      CommandResult refusal = refusal(c);
      if (refusal != null) {
        return CompletableFuture.completedFuture(refusal);
      }
      LearnedMotion m = learned;
      if (m == null) {
        return CompletableFuture.completedFuture(CommandResult.failure(ErrorCode.NOT_LEARNED,
            "nothing learned yet: send adapt with a target first"));
      }
      stopRequestedBy = null;
      return begin(RuntimeState.RUNNING, c, () -> runNow(c, m));
    }
  }

  private CommandResult runNow(Command c, LearnedMotion m) {
    TrialReport last = null;
    int done = 0;
    try {
      while (done < c.trials() && stopRequestedBy == null) {
        last = session.perform(m.outcome());
        if (!last.completed()) {
          break;
        }
        done++;
      }
    } catch (HardwareException e) {
      if (stopRequestedBy != null || session.remoteEstopLatched()) {
        return stopped(done, c.trials(), e.getMessage());
      }
      return faulted("the arm could not perform the motion: " + e.getMessage());
    }
    if (done == c.trials()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("trials", done);
      result.put("learned_by", learnedWith);
      result.put("periods_performed", last.periodsPerformed());
      result.put("commanded_error_cm", last.commandedErrorCm());
      result.put("measured_error_cm", last.measuredErrorCm());
      result.put("tracking_error_cm", last.trackingErrorCm());
      result.put("limited_periods", last.velocityScalings() + last.positionClamps());
      result.put("motors", last.loop().motorsDisabledAtEnd() ? "disabled" : "enabled");
      return CommandResult.success(result);
    }
    if (last == null || last.loop().outcome() == LoopOutcome.STOPPED) {
      return stopped(done, c.trials(), last == null ? "before the motion started"
          : "after " + last.periodsPerformed() + " periods");
    }
    return faulted("the motion stopped: "
        + last.loop().outcome().toString().toLowerCase(Locale.ROOT) + " ("
        + last.loop().reason() + ") after " + last.periodsPerformed() + " periods; motors disabled");
  }

  private CommandResult faulted(String why) {
    synchronized (lock) {
      fault = why;
    }
    return CommandResult.failure(ErrorCode.FAILED, why);
  }

  private CommandResult stopped(int done, int trials, String when) {
    String by = session.remoteEstopLatched() ? "the e-stop" : stopRequestedBy != null
        ? "stop request " + stopRequestedBy : "a stop request";
    return CommandResult.failure(ErrorCode.STOPPED, "ended by " + by + " " + when + " (" + done
        + " of " + trials + " trials complete); zero velocity, motors disabled");
  }

  // ---- stop, reset --------------------------------------------------------------------------------

  private CompletionStage<CommandResult> stop(Command c) {
    CompletableFuture<CommandResult> running;
    synchronized (lock) {
      if (busy != RuntimeState.RUNNING) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stopped", false);
        result.put("detail", busy == RuntimeState.ADAPTING
            ? "adapting: the arm does not move; the adaptation runs to its end"
            : "no motion under way; the arm holds still");
        return CompletableFuture.completedFuture(CommandResult.success(result));
      }
      stopRequestedBy = c.id();
      running = job;
    }
    // Ask until the job ends: a loop that starts after the first request (the motion after
    // homing, the next trial) stops too.
    session.loop().requestStop();
    ScheduledFuture<?> repeat = stopper.scheduleAtFixedRate(session.loop()::requestStop,
        STOP_REPEAT_MILLIS, STOP_REPEAT_MILLIS, TimeUnit.MILLISECONDS);
    return running.handle((r, e) -> {
      repeat.cancel(false);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("stopped", true);
      result.put("motors",
          session.hardware().state() == LifecycleState.ACTIVE ? "enabled" : "disabled");
      return CommandResult.success(result);
    });
  }

  private CommandResult reset(Command c) {
    synchronized (lock) {
      if (busy != null) {
        return busyRefusal();
      }
      if (!session.resetRemoteEstop()) {
        return CommandResult.failure(ErrorCode.REFUSED,
            "the e-stop input is still asserted; release it first");
      }
      boolean recovered = false;
      if (session.hardware().state() == LifecycleState.ERROR) {
        try {
          session.hardware().recover();
          recovered = true;
        } catch (HardwareException e) {
          return CommandResult.failure(ErrorCode.REFUSED,
              "the arm cannot recover yet: " + e.getMessage());
        }
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("latched", false);
      result.put("cleared_fault", fault);
      result.put("arm_recovered", recovered);
      fault = null;
      sink.state(RuntimeState.IDLE, "reset, request " + c.id());
      return CommandResult.success(result);
    }
  }

  // ---- jobs ---------------------------------------------------------------------------------------

  /** Why {@code c} cannot start now, or null (holding the lock). */
  private CommandResult refusal(Command c) {
    if (busy != null) {
      return busyRefusal();
    }
    if (session.remoteEstopLatched()) {
      return CommandResult.failure(ErrorCode.REFUSED,
          "the e-stop is latched: send reset before " + c.name().wireName());
    }
    if (fault != null) {
      return CommandResult.failure(ErrorCode.REFUSED, "the arm stopped on a fault (" + fault
          + "): clear its cause, then send reset before " + c.name().wireName());
    }
    return null;
  }

  private CommandResult busyRefusal() {
    return CommandResult.failure(ErrorCode.BUSY, busy.wireName() + " (" + busyWith
        + "): wait for its answer" + (busy == RuntimeState.RUNNING ? " or send stop" : ""));
  }

  private interface Job {
    CommandResult call() throws Exception;
  }

  /** Starts {@code work} on the worker in state {@code state} (holding the lock). */
  private CompletableFuture<CommandResult> begin(RuntimeState state, Command c, Job work) {
    busy = state;
    busyWith = "request " + c.id();
    sink.state(state, c.name().wireName() + ", request " + c.id());
    CompletableFuture<CommandResult> f = new CompletableFuture<>();
    job = f;
    worker.execute(() -> {
      CommandResult result;
      try {
        result = work.call();
      } catch (Exception | LinkageError e) {
        LOG.error("{} {} failed", c.name().wireName(), c.id(), e);
        result = CommandResult.failure(ErrorCode.FAILED, String.valueOf(e.getMessage()));
      }
      synchronized (lock) {
        busy = null;
        busyWith = null;
        // With the e-stop latched, its handler has published estop.
        if (!session.remoteEstopLatched()) {
          sink.state(fault != null ? RuntimeState.FAULT : RuntimeState.IDLE,
              fault != null ? fault : c.name().wireName() + " done, request " + c.id());
        }
      }
      f.complete(result);
    });
    return f;
  }

  /**
   * Ends a motion under way (as {@code stop} does) and waits up to {@code grace} for the job to
   * finish; then stops the worker. The session stays open.
   */
  public void close(Duration grace) {
    CompletableFuture<CommandResult> running;
    synchronized (lock) {
      if (busy == RuntimeState.RUNNING && stopRequestedBy == null) {
        stopRequestedBy = "shutdown";
      }
      running = job;
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (!running.isDone() && System.nanoTime() - deadline < 0) {
      if (stopRequestedBy != null) {
        session.loop().requestStop();
      }
      try {
        running.get(STOP_REPEAT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // ask again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        break;
      }
    }
    stopper.shutdownNow();
    worker.shutdownNow();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
