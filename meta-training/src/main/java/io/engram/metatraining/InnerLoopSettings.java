package io.engram.metatraining;

import io.engram.learning.UpdateQuantum;
import io.engram.pcm.PcmDeviceModel;
import java.util.Objects;

/**
 * How the inner loop is modelled during meta-training.
 *
 * @param eta natural e-prop's learning rate
 * @param quantum the update is rounded to this quantum in the forward pass (straight-through)
 * @param weightClip if positive, adapted weights are clipped to [-clip, clip] (straight-through)
 * @param device if non-null, the adapted weights are programmed through this PCM device model in
 *     the forward pass (programming noise, scale max |W| per matrix; straight-through)
 * @param rateLambda weight of the firing-rate regulariser {@code lambda sum_j (rate_j - target)^2},
 *     rates in spikes per step
 * @param traineeRateHz the trainee's target rate
 * @param lsgRateHz the LSG's target rate
 * @param omegaLossWeight weight of the joint-velocity term of the task loss, {@code w 0.5
 *     MSE(omega) + 0.5 MSE(xyz)}: 1 is the reference's loss; smaller weights steer training toward
 *     the end-effector error, which the velocity term's spike-to-spike ripple does not affect
 * @param positionLoss how the end-effector term scores the path
 */
public record InnerLoopSettings(
    double eta,
    UpdateQuantum quantum,
    double weightClip,
    PcmDeviceModel device,
    double rateLambda,
    double traineeRateHz,
    double lsgRateHz,
    double omegaLossWeight,
    PositionLoss positionLoss) {

  /** How the task loss scores the end-effector path against the target's. */
  public enum PositionLoss {
    /** {@code 0.5 MSE(xyz)}: the reference's, in square metres per coordinate and step. */
    SQUARED,
    /**
     * The mean over steps of the end-effector distance in metres: the evaluation's error, so each
     * task and step weighs the same whatever its error, where the squared loss lets a few tasks far
     * off (a path into a joint limit) dominate the batch.
     */
    DISTANCE
  }

  public InnerLoopSettings {
    Objects.requireNonNull(quantum, "quantum");
    Objects.requireNonNull(positionLoss, "positionLoss");
    if (!(eta > 0) || !(weightClip >= 0) || !(rateLambda >= 0) || !(omegaLossWeight >= 0)) {
      throw new IllegalArgumentException("eta must be positive, clip, lambda and the loss weight >= 0");
    }
  }

  /** Settings with the reference's task loss (velocity weight 1). */
  public InnerLoopSettings(
      double eta,
      UpdateQuantum quantum,
      double weightClip,
      PcmDeviceModel device,
      double rateLambda,
      double traineeRateHz,
      double lsgRateHz) {
    this(eta, quantum, weightClip, device, rateLambda, traineeRateHz, lsgRateHz, 1.0, PositionLoss.SQUARED);
  }

  /** The reference: eta 1e-4, exact update, no clip, no device, lambda 0.25 to 20 Hz / 10 Hz. */
  public static InnerLoopSettings reference() {
    return new InnerLoopSettings(1e-4, UpdateQuantum.EXACT, 0, null, 0.25, 20, 10);
  }

  public InnerLoopSettings withQuantum(UpdateQuantum q) {
    return new InnerLoopSettings(eta, q, weightClip, device, rateLambda, traineeRateHz, lsgRateHz, omegaLossWeight, positionLoss);
  }

  public InnerLoopSettings withDevice(PcmDeviceModel d) {
    return new InnerLoopSettings(eta, quantum, weightClip, d, rateLambda, traineeRateHz, lsgRateHz, omegaLossWeight, positionLoss);
  }

  public InnerLoopSettings withRateLambda(double lambda) {
    return new InnerLoopSettings(eta, quantum, weightClip, device, lambda, traineeRateHz, lsgRateHz, omegaLossWeight, positionLoss);
  }

  public InnerLoopSettings withWeightClip(double clip) {
    return new InnerLoopSettings(eta, quantum, clip, device, rateLambda, traineeRateHz, lsgRateHz, omegaLossWeight, positionLoss);
  }

  public InnerLoopSettings withOmegaLossWeight(double weight) {
    return new InnerLoopSettings(eta, quantum, weightClip, device, rateLambda, traineeRateHz, lsgRateHz, weight, positionLoss);
  }

  public InnerLoopSettings withPositionLoss(PositionLoss loss) {
    return new InnerLoopSettings(eta, quantum, weightClip, device, rateLambda, traineeRateHz, lsgRateHz, omegaLossWeight, loss);
  }
}
