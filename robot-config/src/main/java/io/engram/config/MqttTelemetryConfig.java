package io.engram.config;

import java.time.Duration;
import java.util.Objects;

/**
 * What the runtime publishes over MQTT and how often.
 *
 * @param jointSampleRateHz joint samples kept per second (the loop's samples are decimated to this)
 * @param jointBatchPeriod how often the kept joint samples are published, as one batch
 * @param statsPeriod how often loop and network statistics are published
 * @param queueCapacity messages waiting for the broker; beyond it new ones are dropped and counted
 */
public record MqttTelemetryConfig(
    double jointSampleRateHz, Duration jointBatchPeriod, Duration statsPeriod, int queueCapacity) {

  public MqttTelemetryConfig {
    Objects.requireNonNull(jointBatchPeriod, "jointBatchPeriod");
    Objects.requireNonNull(statsPeriod, "statsPeriod");
    if (!(jointSampleRateHz > 0)) {
      throw new IllegalArgumentException("jointSampleRateHz must be positive");
    }
    if (jointBatchPeriod.isNegative() || jointBatchPeriod.isZero()
        || statsPeriod.isNegative() || statsPeriod.isZero()) {
      throw new IllegalArgumentException("telemetry periods must be positive");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1");
    }
  }

  /** 50 joint samples a second in batches every 0.2 s, statistics every second, 256 messages queued. */
  public static MqttTelemetryConfig defaults() {
    return new MqttTelemetryConfig(50, Duration.ofMillis(200), Duration.ofSeconds(1), 256);
  }
}
