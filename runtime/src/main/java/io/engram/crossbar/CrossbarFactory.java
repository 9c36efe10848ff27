package io.engram.crossbar;

import io.engram.config.CrossbarConfig;
import io.engram.pcm.DeviceClock;
import io.engram.pcm.PcmDeviceModel;
import io.engram.pcm.PcmParams;
import io.engram.snn.NetworkShape;
import java.util.BitSet;

/**
 * Makes crossbar arrays of one kind: the same array parameters, device model and seed. Arrays made
 * with the same seed are copies of one chip (the same fault map); each has its own clock and noise
 * streams, so one array belongs to one thread.
 */
public final class CrossbarFactory {

  private final CrossbarParams params;
  private final PcmDeviceModel model;
  private final long seed;
  private final boolean faultScan;

  /**
   * @param faultScan whether each new array first finds its stuck devices ({@link
   *     CrossbarArray#scanFaults}) so weights are mapped around them
   */
  public CrossbarFactory(CrossbarParams params, PcmDeviceModel model, long seed, boolean faultScan) {
    this.params = params;
    this.model = model;
    this.seed = seed;
    this.faultScan = faultScan;
  }

  /** The arrays a configuration describes, with the device effects and faults it sets. */
  public static CrossbarFactory of(CrossbarConfig config) {
    return new CrossbarFactory(
        CrossbarParams.of(config),
        new PcmDeviceModel(config.device(), PcmParams.of(config)),
        config.seed(),
        config.faultScan());
  }

  public CrossbarParams params() {
    return params;
  }

  public PcmDeviceModel model() {
    return model;
  }

  public long seed() {
    return seed;
  }

  /** An array of {@code rows x columns} cells, all used. */
  public CrossbarArray create(int rows, int columns) {
    return ready(new CrossbarArray(rows, columns, params, model, new DeviceClock(), null, seed));
  }

  /**
   * The array holding a network's stacked input and recurrent weights, {@code inputs + neurons}
   * rows by {@code neurons} columns; the recurrent diagonal (autapses, never used) is left
   * unprogrammed.
   */
  public CrossbarArray forNetwork(NetworkShape shape) {
    int neurons = shape.neurons();
    BitSet autapses = new BitSet();
    for (int i = 0; i < neurons; i++) {
      autapses.set((shape.inputs() + i) * neurons + i);
    }
    return ready(
        new CrossbarArray(
            shape.synapticRows(), neurons, params, model, new DeviceClock(), autapses, seed));
  }

  private CrossbarArray ready(CrossbarArray array) {
    if (faultScan) {
      array.scanFaults();
    }
    return array;
  }
}
