package io.engram.snn;

import io.engram.synapse.FloatSynapticMatrix;
import io.engram.synapse.WeightMatrix;

/**
 * The learning-signal generator (LSG) of natural e-prop: a fixed spiking network that reads the
 * clock and the target end-effector trajectory (as bits) and emits one learning signal per
 * trainee neuron and step. Stateless between calls, so one instance may serve several threads.
 */
public final class LearningSignalGenerator {

  private final SpikingNetwork network;
  private final ClockEncoder clock;
  private final TargetBitEncoder target;

  public LearningSignalGenerator(SpikingNetwork network, ClockEncoder clock, TargetBitEncoder target) {
    int expected = clock.channels() + target.channels();
    if (network.shape().inputs() != expected) {
      throw new IllegalArgumentException(
          "LSG has " + network.shape().inputs() + " inputs, clock + target bits give " + expected);
    }
    this.network = network;
    this.clock = clock;
    this.target = target;
  }

  /** An LSG with float weights. */
  public static LearningSignalGenerator create(
      NetworkParameters parameters,
      WeightMatrix input,
      WeightMatrix recurrent,
      WeightMatrix readout,
      ClockEncoder clock,
      TargetBitEncoder target) {
    NetworkShape s = parameters.shape();
    SpikingNetwork network =
        new SpikingNetwork(
            parameters,
            new FloatSynapticMatrix(s.synapticRows(), s.neurons()),
            input,
            recurrent,
            readout);
    return new LearningSignalGenerator(network, clock, target);
  }

  public SpikingNetwork network() {
    return network;
  }

  /** The LSG's input for a target trajectory: the clock channels, then the target bits. */
  public SpikeRaster input(double[] targetTrajectory, int steps) {
    return clock.encode(steps).concat(target.encode(targetTrajectory, steps));
  }

  /**
   * Runs the LSG over a target trajectory ({@code steps} rows of coordinates, row-major); the
   * record's outputs are the learning signals (steps x trainee neurons).
   */
  public TrialRecord generate(double[] targetTrajectory, int steps) {
    return generate(targetTrajectory, steps, null);
  }

  /** As {@link #generate(double[], int)}, with {@code observer} called after each step (or null). */
  public TrialRecord generate(double[] targetTrajectory, int steps, StepObserver observer) {
    return Trial.run(network, network.newState(), input(targetTrajectory, steps), observer);
  }
}
