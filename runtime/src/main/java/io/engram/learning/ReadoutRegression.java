package io.engram.learning;

import io.engram.snn.NetworkShape;
import io.engram.snn.Trainee;
import io.engram.synapse.WeightMatrix;
import io.engram.task.MotionTask;

/**
 * One-shot readout learning on a fixed spiking network (a liquid state machine): one trial of the
 * trainee on the clock gives its kappa-filtered spike trains {@code zf}; the readout weights are
 * solved by ridge regression of the demonstration's joint velocities on them ({@link
 * RidgeRegression}, relative ridge), so that {@code y_t = W_out^T zf_t} fits the target. The
 * input and recurrent weights never change. Where the network keeps its readout on an array,
 * the solved weights are programmed there.
 */
public final class ReadoutRegression implements InnerLoopRule {

  private final double relativeRidge;

  /** @param relativeRidge the ridge relative to the mean diagonal of the Gram matrix */
  public ReadoutRegression(double relativeRidge) {
    if (!(relativeRidge >= 0) || Double.isInfinite(relativeRidge)) {
      throw new IllegalArgumentException("ridge must be finite and >= 0, got " + relativeRidge);
    }
    this.relativeRidge = relativeRidge;
  }

  @Override
  public String name() {
    return "readout";
  }

  public double relativeRidge() {
    return relativeRidge;
  }

  /** The readout weights (neurons x readouts) fitted to the demonstration, without writing them. */
  public WeightMatrix solve(Trainee trainee, MotionTask demonstration) {
    NetworkShape shape = trainee.network().shape();
    if (demonstration.joints() != shape.readouts()) {
      throw new IllegalArgumentException(
          "the demonstration drives " + demonstration.joints() + " joints, the trainee has "
              + shape.readouts() + " readouts");
    }
    int steps = demonstration.steps();
    FilteredSpikes features =
        new FilteredSpikes(steps, shape.neurons(), trainee.network().parameters().neurons().kappa());
    trainee.run(steps, features);
    double[] w =
        RidgeRegression.solve(
            features.features(), steps, shape.neurons(), demonstration.omega(), shape.readouts(), relativeRidge);
    return WeightMatrix.of(shape.neurons(), shape.readouts(), w);
  }

  @Override
  public Adaptation adapt(Trainee trainee, MotionTask demonstration) {
    long written = trainee.network().setReadoutWeights(solve(trainee, demonstration));
    return new Adaptation(name(), written, 1, Double.NaN);
  }
}
