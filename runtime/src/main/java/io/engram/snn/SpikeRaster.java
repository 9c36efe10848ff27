package io.engram.snn;

import java.util.Arrays;

/**
 * Binary input spikes over a trial, stored sparsely: for each step, the channels that spike.
 * Immutable.
 */
public final class SpikeRaster {

  private final int channels;
  private final int[] offsets;
  private final int[] active;

  private SpikeRaster(int channels, int[] offsets, int[] active) {
    this.channels = channels;
    this.offsets = offsets;
    this.active = active;
  }

  /** Number of input channels. */
  public int channels() {
    return channels;
  }

  /** Number of steps. */
  public int steps() {
    return offsets.length - 1;
  }

  /** How many channels spike at {@code step}. */
  public int count(int step) {
    return offsets[step + 1] - offsets[step];
  }

  /**
   * Copies the spiking channels of {@code step}, plus {@code shift}, into {@code out} from index
   * 0, and returns how many there are.
   */
  public int copyActive(int step, int[] out, int shift) {
    int from = offsets[step];
    int n = offsets[step + 1] - from;
    for (int k = 0; k < n; k++) {
      out[k] = active[from + k] + shift;
    }
    return n;
  }

  /** Whether {@code channel} spikes at {@code step}. */
  public boolean isActive(int step, int channel) {
    for (int k = offsets[step]; k < offsets[step + 1]; k++) {
      if (active[k] == channel) {
        return true;
      }
    }
    return false;
  }

  /** The channels of this raster followed by those of {@code other} (same number of steps). */
  public SpikeRaster concat(SpikeRaster other) {
    if (other.steps() != steps()) {
      throw new IllegalArgumentException(
          "cannot join rasters of " + steps() + " and " + other.steps() + " steps");
    }
    Builder b = new Builder(channels + other.channels, steps());
    for (int t = 0; t < steps(); t++) {
      for (int k = offsets[t]; k < offsets[t + 1]; k++) {
        b.spike(t, active[k]);
      }
      for (int k = other.offsets[t]; k < other.offsets[t + 1]; k++) {
        b.spike(t, channels + other.active[k]);
      }
    }
    return b.build();
  }

  /** Collects spikes step by step; steps must be visited in increasing order. */
  public static final class Builder {
    private final int channels;
    private final int[] offsets;
    private int[] active = new int[64];
    private int size;
    private int currentStep;

    public Builder(int channels, int steps) {
      this.channels = channels;
      this.offsets = new int[steps + 1];
    }

    /** Records a spike of {@code channel} at {@code step}. */
    public Builder spike(int step, int channel) {
      if (channel < 0 || channel >= channels) {
        throw new IllegalArgumentException("channel " + channel + " outside [0, " + channels + ")");
      }
      if (step < currentStep || step >= offsets.length - 1) {
        throw new IllegalArgumentException("step " + step + " out of order or range");
      }
      while (currentStep < step) {
        offsets[++currentStep] = size;
      }
      if (size == active.length) {
        active = Arrays.copyOf(active, size * 2);
      }
      active[size++] = channel;
      return this;
    }

    public SpikeRaster build() {
      while (currentStep < offsets.length - 1) {
        offsets[++currentStep] = size;
      }
      return new SpikeRaster(channels, offsets.clone(), Arrays.copyOf(active, size));
    }
  }
}
