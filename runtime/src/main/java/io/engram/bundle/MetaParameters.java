package io.engram.bundle;

import io.engram.synapse.WeightMatrix;
import java.util.Objects;

/**
 * The meta-parameters shipped to the board: the trainee's initial input, recurrent and readout
 * weights and, for rules that need it, the learning-signal generator's three matrices (null when
 * absent). All matrices are laid out [from][to].
 */
public record MetaParameters(
    WeightMatrix traineeInput,
    WeightMatrix traineeRecurrent,
    WeightMatrix traineeReadout,
    WeightMatrix lsgInput,
    WeightMatrix lsgRecurrent,
    WeightMatrix lsgReadout) {

  public MetaParameters {
    Objects.requireNonNull(traineeInput, "traineeInput");
    Objects.requireNonNull(traineeRecurrent, "traineeRecurrent");
    Objects.requireNonNull(traineeReadout, "traineeReadout");
    boolean none = lsgInput == null && lsgRecurrent == null && lsgReadout == null;
    boolean all = lsgInput != null && lsgRecurrent != null && lsgReadout != null;
    if (!none && !all) {
      throw new IllegalArgumentException("the LSG needs all three matrices or none");
    }
  }

  /** Trainee weights only. */
  public static MetaParameters traineeOnly(WeightMatrix in, WeightMatrix rec, WeightMatrix out) {
    return new MetaParameters(in, rec, out, null, null, null);
  }

  /** Whether the learning-signal generator's matrices are present. */
  public boolean hasLearningSignalGenerator() {
    return lsgInput != null;
  }
}
