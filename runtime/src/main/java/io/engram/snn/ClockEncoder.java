package io.engram.snn;

import io.engram.config.ClockEncoderConfig;

/**
 * The clock input: channel k is active during steps [k * slot, (k + 1) * slot) and spikes every
 * {@code period} steps inside its slot, starting at the slot's first step.
 *
 * @param channels number of clock channels
 * @param slotSteps length of each channel's slot
 * @param periodSteps spike period inside a slot
 */
public record ClockEncoder(int channels, int slotSteps, int periodSteps) {

  public ClockEncoder {
    if (channels <= 0 || slotSteps <= 0 || periodSteps <= 0) {
      throw new IllegalArgumentException("clock sizes must be positive: " + this);
    }
  }

  /** The clock as configured. */
  public static ClockEncoder of(ClockEncoderConfig config) {
    return new ClockEncoder(config.channels(), config.slotSteps(), config.spikeIntervalSteps());
  }

  /** The reference clock: 5 channels, 50 ms slots, a spike every 10 ms. */
  public static ClockEncoder reference() {
    return new ClockEncoder(5, 50, 10);
  }

  /** The clock over {@code steps} steps. */
  public SpikeRaster encode(int steps) {
    SpikeRaster.Builder b = new SpikeRaster.Builder(channels, steps);
    for (int t = 0; t < steps; t++) {
      int k = t / slotSteps;
      if (k < channels && (t - k * slotSteps) % periodSteps == 0) {
        b.spike(t, k);
      }
    }
    return b.build();
  }
}
