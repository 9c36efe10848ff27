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
 */
public record InnerLoopSettings(
    double eta,
    UpdateQuantum quantum,
    double weightClip,
    PcmDeviceModel device,
    double rateLambda,
    double traineeRateHz,
    double lsgRateHz) {

  public InnerLoopSettings {
    Objects.requireNonNull(quantum, "quantum");
    if (!(eta > 0) || !(weightClip >= 0) || !(rateLambda >= 0)) {
      throw new IllegalArgumentException("eta must be positive, clip and lambda >= 0");
    }
  }

  /** The reference: eta 1e-4, exact update, no clip, no device, lambda 0.25 to 20 Hz / 10 Hz. */
  public static InnerLoopSettings reference() {
    return new InnerLoopSettings(1e-4, UpdateQuantum.EXACT, 0, null, 0.25, 20, 10);
  }

  public InnerLoopSettings withQuantum(UpdateQuantum q) {
    return new InnerLoopSettings(eta, q, weightClip, device, rateLambda, traineeRateHz, lsgRateHz);
  }

  public InnerLoopSettings withDevice(PcmDeviceModel d) {
    return new InnerLoopSettings(eta, quantum, weightClip, d, rateLambda, traineeRateHz, lsgRateHz);
  }

  public InnerLoopSettings withRateLambda(double lambda) {
    return new InnerLoopSettings(eta, quantum, weightClip, device, lambda, traineeRateHz, lsgRateHz);
  }

  public InnerLoopSettings withWeightClip(double clip) {
    return new InnerLoopSettings(eta, quantum, clip, device, rateLambda, traineeRateHz, lsgRateHz);
  }
}
