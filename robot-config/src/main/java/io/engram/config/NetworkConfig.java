package io.engram.config;

import java.util.Objects;

/**
 * The spiking networks and their input encoders, in discrete network time.
 *
 * @param dtMs network time step (ms); time constants are in network time
 * @param trainee the controller network
 * @param lsg the learning-signal generator
 * @param clock the clock input shared by both
 * @param targetEncoding how the target trajectory enters the LSG
 */
public record NetworkConfig(
    double dtMs,
    TraineeConfig trainee,
    LsgConfig lsg,
    ClockEncoderConfig clock,
    TargetEncodingConfig targetEncoding) {

  public NetworkConfig {
    Objects.requireNonNull(trainee, "trainee");
    Objects.requireNonNull(lsg, "lsg");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(targetEncoding, "targetEncoding");
    if (!(dtMs > 0) || Double.isInfinite(dtMs)) {
      throw new IllegalArgumentException("network: dt must be positive");
    }
  }

  /** The reference networks at dt = 1 ms. */
  public static NetworkConfig defaults() {
    return new NetworkConfig(
        1.0,
        TraineeConfig.defaults(),
        LsgConfig.defaults(),
        ClockEncoderConfig.defaults(),
        TargetEncodingConfig.defaults());
  }

  /** This configuration with another target encoding. */
  public NetworkConfig withTargetEncoding(TargetEncodingConfig encoding) {
    return new NetworkConfig(dtMs, trainee, lsg, clock, encoding);
  }

  /**
   * These networks with other sizes, every constant kept: a trainee of {@code traineeNeurons}, an
   * LSG of {@code lsgNeurons} of which {@code lsgAlifNeurons} ALIF, with one readout per trainee
   * neuron.
   */
  public NetworkConfig withSizes(int traineeNeurons, int lsgNeurons, int lsgAlifNeurons) {
    TraineeConfig t = trainee;
    LsgConfig l = lsg;
    return new NetworkConfig(dtMs,
        new TraineeConfig(t.inputs(), traineeNeurons, t.outputs(), t.tauMemMs(), t.tauOutMs(), t.threshold(),
            t.gamma(), t.refractorySteps()),
        new LsgConfig(l.inputs(), lsgNeurons, lsgAlifNeurons, traineeNeurons, l.tauMemMs(), l.tauOutMs(),
            l.threshold(), l.adaptationStrength(), l.tauAdaptationMs(), l.gamma(), l.refractorySteps()),
        clock, targetEncoding);
  }
}
