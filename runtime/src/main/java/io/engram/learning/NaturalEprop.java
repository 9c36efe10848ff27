package io.engram.learning;

import io.engram.snn.LearningSignalGenerator;
import io.engram.snn.SpikeCounter;
import io.engram.snn.SpikeRaster;
import io.engram.snn.StepObserver;
import io.engram.snn.Trainee;
import io.engram.snn.TrialRecord;
import io.engram.synapse.WeightMatrix;
import io.engram.task.MotionTask;

/**
 * Natural e-prop in one shot: the learning-signal generator turns the target end-effector
 * trajectory into a learning signal L_j(t) per trainee neuron; one training trial gives the
 * pseudo-derivatives psi_j(t) and presynaptic traces; the input and recurrent weights change
 * once by {@code dW[i][j] = -eta sum_t psi_j(t) L_j(t) trace_i(t)}, optionally rounded to a
 * quantum. Only the trainee's input and recurrent weights change.
 */
public final class NaturalEprop implements InnerLoopRule {

  private final LearningSignalGenerator lsg;
  private final NaturalEpropParameters parameters;

  public NaturalEprop(LearningSignalGenerator lsg, NaturalEpropParameters parameters) {
    this.lsg = lsg;
    this.parameters = parameters;
  }

  @Override
  public String name() {
    return "natural-eprop";
  }

  public NaturalEpropParameters parameters() {
    return parameters;
  }

  /** Computes the update for a demonstration without writing it. */
  public EpropUpdate computeUpdate(Trainee trainee, MotionTask demonstration) {
    return computeUpdate(trainee, demonstration, null);
  }

  /** As {@link #computeUpdate(Trainee, MotionTask)}, with an observer of the LSG's trial (or null). */
  public EpropUpdate computeUpdate(Trainee trainee, MotionTask demonstration,
      StepObserver lsgObserver) {
    int steps = demonstration.steps();
    int neurons = trainee.network().shape().neurons();
    int inputs = trainee.network().shape().inputs();
    TrialRecord signals = lsg.generate(demonstration.xyz(), steps, lsgObserver);
    if (signals.readouts() != neurons) {
      throw new IllegalArgumentException(
          "the LSG emits " + signals.readouts() + " signals for " + neurons + " trainee neurons");
    }
    SpikeRaster clock = trainee.input(steps);
    EligibilityAccumulator eligibility =
        new EligibilityAccumulator(
            clock, neurons, signals.outputs(), trainee.network().parameters().neurons().alpha());
    TrialRecord training = trainee.run(steps, eligibility);
    double[] delta = eligibility.scaleInPlace(-parameters.learningRate());
    parameters.quantum().roundInPlace(delta);
    return new EpropUpdate(WeightMatrix.of(inputs + neurons, neurons, delta), inputs, signals, training);
  }

  @Override
  public Adaptation adapt(Trainee trainee, MotionTask demonstration) {
    SpikeCounter lsgSpikes = new SpikeCounter(lsg.network().shape().neurons());
    EpropUpdate update = computeUpdate(trainee, demonstration, lsgSpikes);
    long written = trainee.network().update(update.delta());
    double hz = 1000.0 / lsg.network().parameters().neurons().dtMs() / Math.max(1, lsgSpikes.steps());
    long[] counts = lsgSpikes.counts();
    double[] rates = new double[counts.length];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = counts[i] * hz;
    }
    return new Adaptation(name(), written, 1, update.learningSignals().firingRateHz(), rates);
  }
}
