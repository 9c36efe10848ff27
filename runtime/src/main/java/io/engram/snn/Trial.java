package io.engram.snn;

/** Runs a network from rest over a whole input raster. */
public final class Trial {

  private Trial() {}

  /**
   * Resets {@code state}, feeds every step of {@code input} and records the readouts.
   *
   * @param observer called after each step, or null
   */
  public static TrialRecord run(
      SpikingNetwork network, NetworkState state, SpikeRaster input, StepObserver observer) {
    NetworkShape shape = network.shape();
    if (input.channels() != shape.inputs()) {
      throw new IllegalArgumentException(
          "input has " + input.channels() + " channels, the network " + shape.inputs());
    }
    int steps = input.steps();
    int m = shape.readouts();
    double[] outputs = new double[steps * m];
    int[] active = new int[Math.max(1, input.channels())];
    state.reset();
    for (int t = 0; t < steps; t++) {
      int count = input.copyActive(t, active, 0);
      network.step(state, active, count);
      System.arraycopy(state.readout(), 0, outputs, t * m, m);
      if (observer != null) {
        observer.afterStep(t, state);
      }
    }
    return new TrialRecord(
        steps, m, outputs, state.totalSpikes(), shape.neurons(), network.parameters().neurons().dtMs());
  }
}
