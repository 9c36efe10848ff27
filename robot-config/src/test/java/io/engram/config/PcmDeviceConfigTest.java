package io.engram.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The worked values of the device model at t_inference = 1 h (model time 3620 s). */
class PcmDeviceConfigTest {

  private final PcmDeviceConfig pcm = PcmDeviceConfig.ibm();
  private final double t = CrossbarConfig.forPreset(CrossbarPreset.PCM_DRIFT).modelTimeS();

  @Test
  void modelTimeOfTheDriftPresetIsOneHourAfterT0() {
    assertEquals(3620.0, t);
  }

  @Test
  void fullConductance() {
    assertEquals(1.05538, pcm.programmingSigmaUs(1.0), 5e-6);
    assertEquals(0.77513, pcm.driftFactor(pcm.driftMean(1.0), t), 5e-6);
    assertEquals(0.04193, pcm.readNoiseRelativeSigma(1.0, t), 5e-6);
  }

  @Test
  void tenthOfFullConductance() {
    assertEquals(0.44825, pcm.programmingSigmaUs(0.1), 5e-6);
    assertEquals(0.06009, pcm.driftMean(0.1), 5e-6);
    assertEquals(0.73170, pcm.driftFactor(pcm.driftMean(0.1), t), 5e-6);
    assertEquals(0.18729, pcm.readNoiseRelativeSigma(0.1, t), 5e-6);
  }

  @Test
  void hundredthOfFullConductance() {
    assertEquals(0.28301, pcm.programmingSigmaUs(0.01), 5e-6);
    assertEquals(0.09578, pcm.driftMean(0.01), 5e-6);
    assertEquals(0.60780, pcm.driftFactor(pcm.driftMean(0.01), t), 5e-6);
    assertEquals(0.83661, pcm.readNoiseRelativeSigma(0.01, t), 5e-6);
  }

  @Test
  void clipsAtTheEdges() {
    assertEquals(0.1, pcm.driftMean(0.0), 0.0);
    assertEquals(0.045, pcm.driftStd(0.0), 0.0);
    assertEquals(0.008, pcm.driftStd(1.0), 0.0);
    assertEquals(0.2, pcm.readNoiseScale(0.0), 0.0);
  }
}
