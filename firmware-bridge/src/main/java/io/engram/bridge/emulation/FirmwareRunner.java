package io.engram.bridge.emulation;

import io.engram.bridge.link.Link;
import io.engram.bridge.link.LinkDownException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an emulated firmware on its own thread: reads the link (waking at least every millisecond
 * for the firmware's timers) and hands what arrives to the firmware. While the link is down it
 * retries every few milliseconds, so a severed in-memory link or a serial port that comes back is
 * served again.
 */
public final class FirmwareRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FirmwareRunner.class);

  private final Link link;
  private final EmulatedFirmware firmware;
  private final Thread thread;
  private volatile boolean running = true;

  public FirmwareRunner(Link link, EmulatedFirmware firmware, String name) {
    this.link = link;
    this.firmware = firmware;
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
  }

  /** Starts the firmware thread and returns this runner. */
  public FirmwareRunner start() {
    thread.start();
    return this;
  }

  public EmulatedFirmware firmware() {
    return firmware;
  }

  private void loop() {
    byte[] buf = new byte[1024];
    boolean down = false;
    while (running) {
      try {
        int n = link.read(buf, 0, buf.length, TimeUnit.MILLISECONDS.toNanos(1));
        long now = System.nanoTime();
        if (down) {
          LOG.info("{}: link is up again", thread.getName());
          down = false;
        }
        if (n > 0) {
          firmware.onBytes(buf, 0, n, now);
        }
        firmware.tick(now);
      } catch (LinkDownException e) {
        if (!down) {
          LOG.info("{}: link down ({})", thread.getName(), e.getMessage());
          down = true;
        }
        try {
          firmware.tick(System.nanoTime());
        } catch (LinkDownException ignored) {
          // The timers still run (the watchdog must trip); only their messages are lost.
        }
        sleepQuietly(5);
      } catch (RuntimeException e) {
        LOG.error("{}: firmware error", thread.getName(), e);
        sleepQuietly(5);
      }
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the thread (and waits for it); does not close the link. */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
