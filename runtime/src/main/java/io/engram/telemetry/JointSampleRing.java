package io.engram.telemetry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A preallocated single-producer single-consumer ring of joint samples between the control loop
 * and the publisher thread. The producer decimates to a sample rate and never blocks or allocates:
 * when the ring is full the sample is dropped and counted.
 */
public final class JointSampleRing {

  private final int joints;
  private final int stride;
  private final int capacity;
  private final long minIntervalNanos;
  private final double[] slots;
  private final long[] stamps;
  private final AtomicLong head = new AtomicLong(); // next slot to write (producer)
  private final AtomicLong tail = new AtomicLong(); // next slot to read (consumer)
  private final AtomicLong dropped = new AtomicLong();
  private long lastKeptNanos;
  private boolean anyKept;

  /**
   * @param joints values per array in a sample
   * @param capacity samples the ring holds
   * @param sampleRateHz samples kept per second; faster offers are skipped (not counted as drops)
   */
  public JointSampleRing(int joints, int capacity, double sampleRateHz) {
    if (joints < 1 || capacity < 1 || !(sampleRateHz > 0)) {
      throw new IllegalArgumentException("joints, capacity and sample rate must be positive");
    }
    this.joints = joints;
    this.stride = 3 * joints;
    this.capacity = capacity;
    this.minIntervalNanos = (long) (1e9 / sampleRateHz);
    this.slots = new double[capacity * stride];
    this.stamps = new long[capacity];
  }

  public int joints() {
    return joints;
  }

  /**
   * Offers a sample (producer thread only).
   *
   * @return whether it was kept
   */
  public boolean offer(long nanos, double[] position, double[] velocity, double[] command) {
    if (anyKept && nanos - lastKeptNanos < minIntervalNanos) {
      return false;
    }
    long h = head.get();
    if (h - tail.get() >= capacity) {
      dropped.incrementAndGet();
      return false;
    }
    int slot = (int) (h % capacity);
    int base = slot * stride;
    int n = Math.min(joints, Math.min(position.length, Math.min(velocity.length, command.length)));
    for (int j = 0; j < n; j++) {
      slots[base + j] = position[j];
      slots[base + joints + j] = velocity[j];
      slots[base + 2 * joints + j] = command[j];
    }
    for (int j = n; j < joints; j++) {
      slots[base + j] = Double.NaN;
      slots[base + joints + j] = Double.NaN;
      slots[base + 2 * joints + j] = Double.NaN;
    }
    stamps[slot] = nanos;
    anyKept = true;
    lastKeptNanos = nanos;
    head.lazySet(h + 1);
    return true;
  }

  /** Receives drained samples (consumer side). */
  public interface Visitor {
    void sample(long nanos, double[] values, int offset, int joints);
  }

  /**
   * Hands every waiting sample to {@code visitor} (consumer thread only); {@code values} holds
   * positions at {@code offset}, velocities at {@code offset + joints}, commands at {@code offset +
   * 2 joints}.
   *
   * @return samples drained
   */
  public int drain(Visitor visitor) {
    long t = tail.get();
    long h = head.get();
    int n = 0;
    for (; t < h; t++, n++) {
      int slot = (int) (t % capacity);
      visitor.sample(stamps[slot], slots, slot * stride, joints);
    }
    tail.lazySet(t);
    return n;
  }

  /** Samples dropped because the ring was full. */
  public long dropped() {
    return dropped.get();
  }
}
