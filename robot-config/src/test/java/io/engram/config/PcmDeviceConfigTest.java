package io.engram.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worked values of the device model at t_inference = 1 h (model time 3620 s). */
class PcmDeviceConfigTest {

  private final PcmDeviceConfig pcm = PcmDeviceConfig.ibm();
  private final double t = CrossbarConfig.forPreset(CrossbarPreset.PCM_DRIFT).modelTimeS();

  @Test
  void modelTimeOfTheDriftPresetIsOneHourAfterT0() {
    assertEquals(3620.0, t);
  }

  @ParameterizedTest(name = "g = {0}")
  @CsvSource({
    // g,  sigma_p (uS), drift-exponent mean, drift factor at the mean, relative read sigma
    "1.0,  1.05538, 0.049,   0.77513, 0.04193",
    "0.1,  0.44825, 0.06009, 0.73170, 0.18729",
    "0.01, 0.28301, 0.09578, 0.60780, 0.83661",
  })
  void workedValues(double g, double sigmaP, double nuMean, double driftFactor, double readSigma) {
    assertEquals(sigmaP, pcm.programmingSigmaUs(g), 5e-6);
    assertEquals(nuMean, pcm.driftMean(g), 5e-6);
    assertEquals(driftFactor, pcm.driftFactor(pcm.driftMean(g), t), 5e-6);
    assertEquals(readSigma, pcm.readNoiseRelativeSigma(g, t), 5e-6);
  }

  @Test
  void clipsAtTheEdges() {
    assertEquals(0.1, pcm.driftMean(0.0), 0.0);
    assertEquals(0.045, pcm.driftStd(0.0), 0.0);
    assertEquals(0.008, pcm.driftStd(1.0), 0.0);
    assertEquals(0.2, pcm.readNoiseScale(0.0), 0.0);
  }
}
