package io.engram.bridge.emulation;

import io.engram.bridge.link.InMemoryLink;
import io.engram.bridge.link.Link;
import io.engram.bridge.link.LinkDownException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The device end of a link, as seen through the faults of a {@link FaultPlan}: every {@link
 * #write} (the emulated firmwares write one whole frame or packet per call) may be dropped,
 * corrupted or delayed. A test can also silence the device (it keeps listening but sends nothing)
 * or disconnect it (the link goes down, as an unplugged cable).
 */
public final class FaultInjectingLink implements Link {

  private final Link delegate;
  private volatile FaultPlan plan;
  private SplittableRandom rng;
  private volatile boolean silent;
  private final byte[] scratch = new byte[4096];

  private long dropped;
  private long corrupted;
  private long delayed;

  public FaultInjectingLink(Link delegate, FaultPlan plan) {
    this.delegate = delegate;
    plan(plan);
  }

  /** Replaces the fault plan (and reseeds its generator). */
  public synchronized void plan(FaultPlan newPlan) {
    this.plan = newPlan;
    this.rng = new SplittableRandom(newPlan.seed());
  }

  /** While silent, every frame the device sends is swallowed. */
  public void silence(boolean on) {
    silent = on;
  }

  public boolean silent() {
    return silent;
  }

  /**
   * Disconnects the link: an in-memory link is severed (both ends see it down until {@link
   * #reconnect()}); any other link is closed for good.
   */
  public void disconnect() {
    if (delegate instanceof InMemoryLink) {
      ((InMemoryLink) delegate).sever();
    } else {
      delegate.close();
    }
  }

  /** Restores a severed in-memory link. */
  public void reconnect() {
    if (delegate instanceof InMemoryLink) {
      ((InMemoryLink) delegate).restore();
    }
  }

  @Override
  public int read(byte[] buf, int off, int len, long timeoutNanos) throws LinkDownException {
    return delegate.read(buf, off, len, timeoutNanos);
  }

  @Override
  public void write(byte[] buf, int off, int len) throws LinkDownException {
    if (silent) {
      synchronized (this) {
        dropped++;
      }
      return;
    }
    FaultPlan p = plan;
    if (p.isNone()) {
      delegate.write(buf, off, len);
      return;
    }
    long delay = 0;
    byte[] out = buf;
    int o = off;
    synchronized (this) {
      if (rng.nextDouble() < p.dropProbability()) {
        dropped++;
        return;
      }
      if (rng.nextDouble() < p.corruptProbability() && len > 0 && len <= scratch.length) {
        System.arraycopy(buf, off, scratch, 0, len);
        int changes = 1 + rng.nextInt(3);
        for (int k = 0; k < changes; k++) {
          int i = rng.nextInt(len);
          scratch[i] = (byte) (scratch[i] + 1 + rng.nextInt(255));
        }
        out = scratch;
        o = 0;
        corrupted++;
      }
      if (rng.nextDouble() < p.delayProbability()) {
        delay = p.delayMillis();
        delayed++;
      }
    }
    if (delay > 0) {
      try {
        TimeUnit.MILLISECONDS.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    delegate.write(out, o, len);
  }

  @Override
  public void drainInput() {
    delegate.drainInput();
  }

  @Override
  public boolean isUp() {
    return delegate.isUp();
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public void close() {
    delegate.close();
  }

  public synchronized long dropped() {
    return dropped;
  }

  public synchronized long corrupted() {
    return corrupted;
  }

  public synchronized long delayed() {
    return delayed;
  }
}
