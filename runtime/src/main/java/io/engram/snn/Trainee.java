package io.engram.snn;

import io.engram.synapse.SynapticMatrix;
import io.engram.synapse.WeightMatrix;

/**
 * The controller network driven by the clock: its readouts are the joint velocities. Its input
 * and recurrent weights are plastic (held by the network's synaptic matrix); it holds its own
 * state, so one instance belongs to one thread.
 */
public final class Trainee {

  private final SpikingNetwork network;
  private final ClockEncoder clock;
  private final NetworkState state;

  public Trainee(SpikingNetwork network, ClockEncoder clock) {
    if (network.shape().inputs() != clock.channels()) {
      throw new IllegalArgumentException(
          "trainee has " + network.shape().inputs() + " inputs, the clock " + clock.channels());
    }
    this.network = network;
    this.clock = clock;
    this.state = network.newState();
  }

  /** A trainee whose input and recurrent weights live on {@code synapses}, programmed now. */
  public static Trainee create(
      NetworkParameters parameters,
      SynapticMatrix synapses,
      WeightMatrix input,
      WeightMatrix recurrent,
      WeightMatrix readout,
      ClockEncoder clock) {
    return new Trainee(new SpikingNetwork(parameters, synapses, input, recurrent, readout), clock);
  }

  public SpikingNetwork network() {
    return network;
  }

  /** The clock input over {@code steps} steps. */
  public SpikeRaster input(int steps) {
    return clock.encode(steps);
  }

  /**
   * Runs one trial of {@code steps} steps from rest on the clock.
   *
   * @param observer called after each step, or null
   */
  public TrialRecord run(int steps, StepObserver observer) {
    return Trial.run(network, state, input(steps), observer);
  }
}
