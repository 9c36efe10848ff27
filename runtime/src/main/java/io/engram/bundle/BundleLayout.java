package io.engram.bundle;

import io.engram.config.NetworkConfig;
import io.engram.snn.NetworkParameters;
import io.engram.snn.NetworkShape;

/**
 * The network sizes a bundle must fit: the trainee's and the learning-signal generator's. The
 * LSG emits one learning signal per trainee neuron.
 */
public record BundleLayout(NetworkShape trainee, NetworkShape lsg) {

  public BundleLayout {
    if (lsg.readouts() != trainee.neurons()) {
      throw new IllegalArgumentException(
          "the LSG has "
              + lsg.readouts()
              + " readouts but the trainee "
              + trainee.neurons()
              + " neurons: one learning signal per trainee neuron is needed");
    }
  }

  /** The sizes of the configured networks. */
  public static BundleLayout of(NetworkConfig config) {
    return new BundleLayout(
        NetworkParameters.trainee(config).shape(),
        NetworkParameters.learningSignalGenerator(config).shape());
  }

  /** The reference sizes: trainee 5-250-2, LSG 53-800-250. */
  public static BundleLayout reference() {
    return new BundleLayout(NetworkShape.trainee(), NetworkShape.learningSignalGenerator());
  }
}
