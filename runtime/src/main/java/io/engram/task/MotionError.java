package io.engram.task;

/**
 * How far a produced motion is from its target.
 *
 * @param endEffectorErrorCm mean over steps of the end-effector distance (cm)
 * @param omegaRmse root-mean-square angular-velocity error per driven joint (rad/s)
 * @param loss 0.5 MSE(omega) + 0.5 MSE(xyz in m), the meta-training loss without regulariser
 */
public record MotionError(double endEffectorErrorCm, double[] omegaRmse, double loss) {

  @Override
  public double[] omegaRmse() {
    return omegaRmse.clone();
  }
}
