package io.engram.bridge.emulation;

/**
 * Random faults an emulated firmware applies to the frames it sends: each frame is dropped,
 * corrupted (one to three bytes changed) or delayed with the given probabilities, drawn from a
 * seeded generator so a failing run repeats exactly.
 *
 * @param dropProbability chance that a frame is never sent
 * @param corruptProbability chance that a sent frame has bytes changed
 * @param delayProbability chance that a frame is held back before it is sent
 * @param delayMillis how long a delayed frame is held back
 * @param seed seed of the fault generator
 */
public record FaultPlan(
    double dropProbability,
    double corruptProbability,
    double delayProbability,
    long delayMillis,
    long seed) {

  public FaultPlan {
    check("drop", dropProbability);
    check("corrupt", corruptProbability);
    check("delay", delayProbability);
    if (delayMillis < 0) {
      throw new IllegalArgumentException("delay must not be negative");
    }
  }

  private static void check(String what, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(what + " probability must lie in [0, 1], got " + p);
    }
  }

  /** No faults. */
  public static FaultPlan none() {
    return new FaultPlan(0, 0, 0, 0, 1);
  }

  /** Whether this plan injects anything. */
  public boolean isNone() {
    return dropProbability == 0 && corruptProbability == 0 && delayProbability == 0;
  }
}
