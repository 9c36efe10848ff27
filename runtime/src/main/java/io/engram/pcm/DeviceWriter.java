package io.engram.pcm;

import java.util.random.RandomGenerator;

/**
 * Writes devices with single-shot or iterative program-and-verify and counts the pulses it spent.
 * Each pulse reprograms the device toward its target (a fresh draw of programming noise); the verify
 * read is taken right after the pulse (age 0, so at t = t0) with read noise. The write keeps the
 * first pulse whose verify read lies within tolerance, or the last one. Not thread-safe.
 */
public final class DeviceWriter {

  private final PcmDeviceModel model;
  private final ProgramVerify verify;
  private final RandomGenerator rng;
  private long pulses;
  private long unverified;

  /**
   * @param rng the stream of programming and verify-read noise
   */
  public DeviceWriter(PcmDeviceModel model, ProgramVerify verify, RandomGenerator rng) {
    this.model = model;
    this.verify = verify;
    this.rng = rng;
  }

  /**
   * Writes a device toward {@code targetMicroSiemens} and returns the conductance it holds right
   * after programming. A stuck device takes the pulses and keeps its stuck conductance.
   */
  public double write(double targetMicroSiemens, DeviceFault fault) {
    double target = Math.min(Math.max(targetMicroSiemens, 0), model.gMax());
    double g = 0;
    for (int pulse = 1; pulse <= verify.maxPulses(); pulse++) {
      pulses++;
      g = fault == DeviceFault.NONE ? model.program(target, rng) : model.stuckConductance(fault);
      if (verify.isSingleShot()) {
        return g;
      }
      if (Math.abs(model.read(g, g, 0, rng) - target) <= verify.toleranceMicroSiemens()) {
        return g;
      }
    }
    unverified++;
    return g;
  }

  /** Programming pulses applied so far. */
  public long pulses() {
    return pulses;
  }

  /** Writes that ended without a verify read inside tolerance (always 0 for single-shot). */
  public long unverified() {
    return unverified;
  }

  public PcmDeviceModel model() {
    return model;
  }

  public ProgramVerify verify() {
    return verify;
  }
}
