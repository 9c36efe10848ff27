package io.engram.snn;

/**
 * Sizes of a recurrent spiking network: input channels, LIF neurons, then ALIF neurons (which
 * come last in neuron order), and leaky readouts.
 */
public record NetworkShape(int inputs, int lifNeurons, int alifNeurons, int readouts) {

  public NetworkShape {
    if (inputs < 0 || lifNeurons < 0 || alifNeurons < 0 || readouts < 0) {
      throw new IllegalArgumentException("negative size in " + this);
    }
  }

  /** The trainee: 5 clock inputs, 250 LIF, 2 readouts (joint velocities). */
  public static NetworkShape trainee() {
    return new NetworkShape(5, 250, 0, 2);
  }

  /** The LSG: 53 inputs, 560 LIF + 240 ALIF, one readout per trainee neuron. */
  public static NetworkShape learningSignalGenerator() {
    return new NetworkShape(53, 560, 240, 250);
  }

  /** All neurons, LIF and ALIF. */
  public int neurons() {
    return lifNeurons + alifNeurons;
  }

  /** Rows of the stacked input and recurrent weights: inputs, then neurons. */
  public int synapticRows() {
    return inputs + neurons();
  }
}
