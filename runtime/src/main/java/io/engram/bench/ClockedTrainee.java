package io.engram.bench;

import io.engram.snn.NetworkState;
import io.engram.snn.SpikeRaster;
import io.engram.snn.SpikingNetwork;
import io.engram.snn.Trainee;

/**
 * A trainee's network stepped on its clock, one control step at a time, its state restarting
 * every trial: the baseline of the step benchmarks. Does not allocate.
 */
public final class ClockedTrainee {

  private final SpikingNetwork network;
  private final NetworkState state;
  private final SpikeRaster clock;
  private final int[] active;
  private int t;

  /** Steps {@code trainee}'s network (with a state of its own) over trials of {@code steps}. */
  public ClockedTrainee(Trainee trainee, int steps) {
    this.network = trainee.network();
    this.state = network.newState();
    this.clock = trainee.input(steps);
    this.active = new int[clock.channels()];
  }

  /** One step; returns the first readout. */
  public double step() {
    if (t == clock.steps()) {
      t = 0;
      state.reset();
    }
    int count = clock.copyActive(t++, active, 0);
    network.step(state, active, count);
    return state.readout()[0];
  }
}
