package io.engram.snn;

import io.engram.config.LsgConfig;
import io.engram.config.NetworkConfig;
import io.engram.config.TraineeConfig;

/** Shape and neuron dynamics of one spiking network. */
public record NetworkParameters(NetworkShape shape, NeuronParameters neurons) {

  /** The trainee as configured. */
  public static NetworkParameters trainee(NetworkConfig config) {
    TraineeConfig t = config.trainee();
    return new NetworkParameters(
        new NetworkShape(t.inputs(), t.neurons(), 0, t.outputs()),
        new NeuronParameters(
            config.dtMs(),
            t.tauMemMs(),
            t.tauOutMs(),
            t.threshold(),
            t.threshold(),
            t.refractorySteps(),
            t.gamma(),
            NeuronParameters.trainee().adaptationTauMs(),
            0.0));
  }

  /** The learning-signal generator as configured. */
  public static NetworkParameters learningSignalGenerator(NetworkConfig config) {
    LsgConfig l = config.lsg();
    return new NetworkParameters(
        new NetworkShape(l.inputs(), l.lifNeurons(), l.alifNeurons(), l.outputs()),
        new NeuronParameters(
            config.dtMs(),
            l.tauMemMs(),
            l.tauOutMs(),
            l.threshold(),
            l.threshold(),
            l.refractorySteps(),
            l.gamma(),
            l.tauAdaptationMs(),
            l.adaptationStrength()));
  }

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
