package io.engram.snn;

/** Shape and neuron dynamics of one spiking network. */
public record NetworkParameters(NetworkShape shape, NeuronParameters neurons) {

  /** The trainee of the one-shot task. */
  public static NetworkParameters trainee() {
    return new NetworkParameters(NetworkShape.trainee(), NeuronParameters.trainee());
  }

  /** The learning-signal generator of natural e-prop. */
  public static NetworkParameters learningSignalGenerator() {
    return new NetworkParameters(
        NetworkShape.learningSignalGenerator(), NeuronParameters.learningSignalGenerator());
  }
}
