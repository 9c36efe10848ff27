package io.engram.learning;

import io.engram.snn.Trainee;
import io.engram.task.MotionTask;

/**
 * An on-device learning rule: adapts a trainee, in place, to one demonstrated motion. Natural
 * e-prop does it with one update from a learned learning-signal generator; other rules (a
 * ridge-regression readout, classic e-prop over several trials) implement the same contract.
 */
public interface InnerLoopRule {

  /** A short name for reports. */
  String name();

  /**
   * Adapts {@code trainee}'s weights to the demonstration. The trainee's state may be used freely;
   * afterwards its next trial produces the adapted motion.
   */
  Adaptation adapt(Trainee trainee, MotionTask demonstration);
}
