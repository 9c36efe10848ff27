package io.engram.telemetry;

import java.util.Objects;

/**
 * Firing rates of one network over one trial.
 *
 * @param network which network ({@code trainee} or {@code lsg})
 * @param trial what the trial was ({@code training}, {@code performance}, ...)
 * @param meanRateHz mean firing rate over neurons (Hz of network time)
 * @param ratesHz firing rate of every neuron (Hz)
 */
public record NetworkActivity(String network, String trial, double meanRateHz, double[] ratesHz) {

  public NetworkActivity {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(trial, "trial");
    Objects.requireNonNull(ratesHz, "ratesHz");
  }

  /** Rates from per-neuron spike counts over {@code steps} steps of {@code dtMs}. */
  public static NetworkActivity fromSpikeCounts(String network, String trial, long[] spikes, int steps,
      double dtMs) {
    double seconds = steps * dtMs * 1e-3;
    double[] rates = new double[spikes.length];
    double sum = 0;
    for (int i = 0; i < spikes.length; i++) {
      rates[i] = spikes[i] / seconds;
      sum += rates[i];
    }
    return new NetworkActivity(network, trial, spikes.length == 0 ? 0 : sum / spikes.length, rates);
  }
}
