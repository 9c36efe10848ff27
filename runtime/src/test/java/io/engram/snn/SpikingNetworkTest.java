package io.engram.snn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.engram.synapse.FloatSynapticMatrix;
import io.engram.synapse.WeightMatrix;
import org.junit.jupiter.api.Test;

class SpikingNetworkTest {

  private static final NeuronParameters LIF = NeuronParameters.trainee();

  private static SpikingNetwork network(
      NetworkShape shape, NeuronParameters neurons, double[] in, double[] rec, double[] out) {
    return new SpikingNetwork(
        new NetworkParameters(shape, neurons),
        new FloatSynapticMatrix(shape.synapticRows(), shape.neurons()),
        WeightMatrix.of(shape.inputs(), shape.neurons(), in),
        WeightMatrix.of(shape.neurons(), shape.neurons(), rec),
        WeightMatrix.of(shape.neurons(), shape.readouts(), out));
  }

  /** Spike times of neuron j over a raster. */
  private static int[] spikeTimes(SpikingNetwork net, SpikeRaster input, int j) {
    NetworkState s = net.newState();
    int[] times = new int[input.steps()];
    int[] n = {0};
    Trial.run(
        net,
        s,
        input,
        (t, st) -> {
          for (int k = 0; k < st.spikeCount(); k++) {
            if (st.spikes()[k] == j) {
              times[n[0]++] = t;
            }
          }
        });
    return java.util.Arrays.copyOf(times, n[0]);
  }

  private static SpikeRaster constantInput(int steps) {
    SpikeRaster.Builder b = new SpikeRaster.Builder(1, steps);
    for (int t = 0; t < steps; t++) {
      b.spike(t, 0);
    }
    return b.build();
  }

  @Test
  void strongDriveFiresOnceEveryRefractoryPeriodPlusOne() {
    NetworkShape shape = new NetworkShape(1, 1, 0, 1);
    SpikingNetwork net = network(shape, LIF, new double[] {10}, new double[] {0}, new double[] {1});
    // Refractory for 5 steps after a spike (r = 4, 3, 2, 1, then 0 lets it fire): period 5.
    assertArrayEquals(new int[] {0, 5, 10, 15}, spikeTimes(net, constantInput(20), 0));
  }

  @Test
  void thresholdIsStrictAndResetSubtractsTheThreshold() {
    NetworkShape shape = new NetworkShape(1, 1, 0, 1);
    // One input spike of exactly the threshold: v = 0.6 is not above 0.6.
    SpikingNetwork atThreshold = network(shape, LIF, new double[] {0.6}, new double[] {0}, new double[] {1});
    SpikeRaster one = new SpikeRaster.Builder(1, 3).spike(0, 0).build();
    assertEquals(0, spikeTimes(atThreshold, one, 0).length);
    SpikingNetwork above = network(shape, LIF, new double[] {1.0}, new double[] {0}, new double[] {1});
    NetworkState s = above.newState();
    int[] in = {0};
    above.step(s, in, 1);
    assertEquals(1, s.spikeCount());
    assertEquals(1.0, s.membranePotentials()[0], 1e-15);
    above.step(s, in, 0);
    double alpha = Math.exp(-1.0 / 20);
    assertEquals(alpha * 1.0 - 0.6, s.membranePotentials()[0], 1e-15, "reset by subtraction");
    assertEquals(0.0, s.pseudoDerivatives()[0], "psi is masked while refractory");
  }

  @Test
  void autapsesNeverActEvenWhenProgrammedOrUpdated() {
    NetworkShape shape = new NetworkShape(1, 2, 0, 1);
    double[] rec = {5, 0, 0, 0}; // neuron 0 -> itself only
    SpikingNetwork net = network(shape, LIF, new double[] {1, 0}, rec, new double[] {1, 1});
    SpikeRaster one = new SpikeRaster.Builder(1, 30).spike(0, 0).build();
    assertArrayEquals(new int[] {0}, spikeTimes(net, one, 0));
    double[] delta = new double[3 * 2];
    delta[(1 + 1) * 2 + 1] = 9; // neuron 1 -> itself
    delta[(1 + 0) * 2 + 1] = 1; // neuron 0 -> neuron 1 (allowed)
    assertEquals(1, net.update(WeightMatrix.of(3, 2, delta)));
    assertArrayEquals(new int[] {1}, spikeTimes(net, one, 1), "0 drives 1 once; 1 does not drive itself");
  }

  @Test
  void adaptiveThresholdGrowsWithSpikesAndDecays() {
    NeuronParameters alif = NeuronParameters.learningSignalGenerator();
    NetworkShape shape = new NetworkShape(1, 1, 1, 1);
    SpikingNetwork net =
        network(shape, alif, new double[] {1.5, 1.5}, new double[] {0, 0, 0, 0}, new double[] {1, 1});
    int[] lif = spikeTimes(net, constantInput(60), 0);
    int[] adaptive = spikeTimes(net, constantInput(60), 1);
    assertEquals(0, lif[0]);
    assertEquals(0, adaptive[0]);
    assertEquals(true, adaptive.length < lif.length, "adaptation slows the ALIF neuron");
  }

  @Test
  void readoutLeaksWithoutBiasOrGain() {
    NetworkShape shape = new NetworkShape(1, 1, 0, 1);
    SpikingNetwork net = network(shape, LIF, new double[] {1}, new double[] {0}, new double[] {0.5});
    NetworkState s = net.newState();
    net.step(s, new int[] {0}, 1);
    assertEquals(0.5, s.readout()[0], 0);
    net.step(s, new int[] {0}, 0);
    assertEquals(0.5 * Math.exp(-1.0 / 20), s.readout()[0], 1e-16);
  }

  @Test
  void rejectsMismatchedShapes() {
    NetworkShape shape = new NetworkShape(1, 2, 0, 1);
    assertThrows(
        IllegalArgumentException.class,
        () -> network(shape, LIF, new double[] {1}, new double[4], new double[2]));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new SpikingNetwork(
                new NetworkParameters(shape, LIF),
                new FloatSynapticMatrix(2, 2),
                WeightMatrix.zeros(1, 2),
                WeightMatrix.zeros(2, 2),
                WeightMatrix.zeros(2, 1)));
  }
}
