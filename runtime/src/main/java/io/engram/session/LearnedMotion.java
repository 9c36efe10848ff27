package io.engram.session;

import io.engram.evaluation.TaskOutcome;
import io.engram.telemetry.NetworkActivity;
import java.util.Objects;

/**
 * A demonstration learned by {@link Session#adapt}: the inner loop's outcome, and the trainee's
 * firing rate per neuron on the trial before and the trial after the adaptation.
 *
 * @param outcome errors before and after, what the rule wrote, how long it took
 * @param traineeBefore the trainee's rates before adapting
 * @param traineeAfter the trainee's rates after adapting
 * @param devicesProgrammed PCM devices of the trainee's crossbar the update programmed (0 when
 *     the rule wrote only software weights, such as the readout, or the weights are not on a
 *     crossbar)
 */
public record LearnedMotion(TaskOutcome outcome, NetworkActivity traineeBefore,
    NetworkActivity traineeAfter, long devicesProgrammed) {

  public LearnedMotion {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(traineeBefore, "traineeBefore");
    Objects.requireNonNull(traineeAfter, "traineeAfter");
  }
}
