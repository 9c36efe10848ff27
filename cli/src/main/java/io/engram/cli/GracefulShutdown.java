package io.engram.cli;

import io.engram.bridge.emulation.EmulatedArmRig;
import io.engram.bridge.hardware.ArmConnector;
import io.engram.bridge.safety.SafetyIo;
import io.engram.session.Session;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the arm before the JVM exits on SIGTERM (systemctl stop) or SIGINT (Ctrl-C).
 *
 * <p>A JVM shutdown hook that, once the signal arrives, asks the job to stop moving the arm (the
 * session's control loop, or a calibration; again every {@value #POLL_MILLIS} ms, so a motion that
 * starts after the signal stops within one period too) and waits until the job has closed its arm,
 * which disables the motors and closes the link. Only then does the hook return and the JVM exit
 * (status 143 after SIGTERM). Should the job not close the arm within the grace period, the hook
 * closes it itself. Use it around the session (or the arm's safety I/O and connection), so that
 * they close first:
 *
 * <pre>{@code
 * try (GracefulShutdown shutdown = GracefulShutdown.install(grace);
 *      Session session = shutdown.guard(Session.open(config, learning))) {
 *   ... if (shutdown.requested()) stop starting new motions ...
 * }
 * }</pre>
 */
final class GracefulShutdown implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

  /** How often the hook repeats its stop request while it waits (ms). */
  static final long POLL_MILLIS = 20;

  /** The default grace period: well inside the service unit's TimeoutStopSec of 20 s. */
  static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  private final Duration grace;
  private final CountDownLatch released = new CountDownLatch(1);
  private final Thread hook;
  private volatile Guarded guarded;
  private volatile boolean requested;

  /** What the hook stops and, if the grace period runs out, closes. */
  private record Guarded(Runnable stop, Runnable close, ArmConnector.Connection connection, SafetyIo safety) {}

  private GracefulShutdown(Duration grace) {
    this.grace = grace;
    this.hook = new Thread(this::onShutdown, "engram-shutdown");
  }

  /** Registers the shutdown hook; {@link #close} removes it. */
  static GracefulShutdown install(Duration grace) {
    GracefulShutdown s = new GracefulShutdown(grace);
    Runtime.getRuntime().addShutdownHook(s.hook);
    return s;
  }

  /** Watches {@code s}: a shutdown stops its loop and waits for it to close. Returns {@code s}. */
  Session guard(Session s) {
    watch(new Guarded(() -> s.loop().requestStop(), s::close, s.connection(), s.safety()));
    return s;
  }

  /**
   * Watches an arm that a job drives itself (a calibration): a shutdown runs {@code stop}, which
   * asks the job to stop the arm, and waits for the job to close {@code c} and {@code safety}.
   * Returns {@code c}.
   */
  ArmConnector.Connection guard(ArmConnector.Connection c, SafetyIo safety, Runnable stop) {
    watch(new Guarded(stop, () -> {
      try {
        c.close();
      } finally {
        safety.close();
      }
    }, c, safety));
    return c;
  }

  private void watch(Guarded g) {
    guarded = g;
    if (requested) {
      g.stop().run();
    }
  }

  /** Whether a shutdown signal has arrived: start no new motion. */
  boolean requested() {
    return requested;
  }

  /** The job is over and its session closed: the hook may let the JVM exit. */
  @Override
  public void close() {
    released.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running and returns now that the session is closed.
    }
  }

  private void onShutdown() {
    requested = true;
    LOG.warn("shutdown signal: stopping the arm");
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      while (!released.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        Guarded g = guarded;
        if (g != null) {
          g.stop().run();
        }
        if (System.nanoTime() - deadline > 0) {
          LOG.error("the job did not stop within {} s: disabling the motors now",
              grace.toSeconds());
          if (g != null) {
            g.close().run();
          }
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Guarded g = guarded;
    if (g == null) {
      LOG.warn("shutdown: no arm was connected");
      return;
    }
    // The motor-enable output as the safety I/O last drove it, and the joints as the emulated
    // arm (if any) sees them.
    EmulatedArmRig rig = g.connection().emulator();
    String joints = rig == null ? "" : rig.arm().anyEnabled()
        ? ", a joint still ENABLED on the emulated arm" : ", every joint disabled on the emulated arm";
    LOG.warn("shutdown: arm {}, motor-enable output {}{}", g.connection().hardware().state(),
        g.safety().motorEnabled() ? "ON" : "off", joints);
  }
}
