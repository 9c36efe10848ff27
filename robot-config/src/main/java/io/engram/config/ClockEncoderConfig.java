package io.engram.config;

/**
 * The clock input: channel k is active during steps [k slot, (k + 1) slot) and spikes every
 * {@code spikeIntervalSteps} steps inside its slot, starting at the slot's first step.
 *
 * @param channels clock channels
 * @param slotSteps length of one channel's slot (steps)
 * @param spikeIntervalSteps steps between spikes inside a slot
 */
public record ClockEncoderConfig(int channels, int slotSteps, int spikeIntervalSteps) {

  public ClockEncoderConfig {
    if (channels < 1 || slotSteps < 1 || spikeIntervalSteps < 1) {
      throw new IllegalArgumentException("clock: channels, slot and interval must be positive");
    }
  }

  /** 5 channels, 50-step slots, a spike every 10 steps. */
  public static ClockEncoderConfig defaults() {
    return new ClockEncoderConfig(5, 50, 10);
  }
}
