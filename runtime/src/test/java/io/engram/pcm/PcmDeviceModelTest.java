package io.engram.pcm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.CrossbarPreset;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcmDeviceModelTest {

  private static final double ONE_HOUR = 3600;
  private final PcmDeviceModel pcm = PcmDeviceModel.of(CrossbarPreset.PCM_DRIFT);

  /** SPEC section 6's worked values at t_inference = 1 h (t = 3620 s). */
  @ParameterizedTest
  @CsvSource({
    "1,    1.05538, 0.049,   0.77513, 0.04193",
    "0.1,  0.44825, 0.06009, 0.73170, 0.18729",
    "0.01, 0.28301, 0.09578, 0.60780, 0.83661"
  })
  void workedValues(double g, double sigmaP, double mu, double driftAtMeanNu, double readSigma) {
    double gUs = g * 25;
    assertEquals(sigmaP, pcm.programmingSigma(gUs), 5e-6);
    assertEquals(mu, pcm.driftMu(gUs), 5e-6);
    assertEquals(driftAtMeanNu, pcm.driftFactor(pcm.driftMu(gUs), ONE_HOUR), 5e-6);
    assertEquals(readSigma, pcm.readNoiseRelativeSigma(gUs, ONE_HOUR), 5e-6);
  }

  @Test
  void driftSigmaFollowsItsClippedLogFit() {
    assertEquals(0.008, pcm.driftSigma(25), 1e-12);
    assertEquals(-0.0125 * Math.log(0.1) - 0.0059, pcm.driftSigma(2.5), 1e-12);
    assertEquals(0.045, pcm.driftSigma(0), 1e-12);
    assertEquals(0.1, pcm.driftMu(0), 1e-12);
  }

  @Test
  void effectScalesMultiplyTheModelsSigmas() {
    PcmDeviceModel half = PcmDeviceModel.of(PcmParams.of(0.5, 2, 1));
    assertEquals(0.5 * pcm.programmingSigma(12.5), half.programmingSigma(12.5), 1e-12);
    assertEquals(2 * pcm.readNoiseRelativeSigma(12.5, 60), half.readNoiseRelativeSigma(12.5, 60), 1e-12);
  }

  @Test
  void driftIsOneAtProgrammingAndFollowsThePowerLaw() {
    assertEquals(1, pcm.driftFactor(0.06, 0), 0);
    assertEquals(Math.pow(4, -0.06), pcm.driftFactor(0.06, 60), 1e-15);
    assertEquals(10 * Math.pow(4, -0.06), pcm.drift(10, 0.06, 60), 1e-12);
  }

  @Test
  void programClipsToTheConductanceRange() {
    RandomGenerator rng = new SplittableRandom(3);
    for (int i = 0; i < 10_000; i++) {
      double g = pcm.program(25, rng);
      assertTrue(g >= 0 && g <= 25);
      double z = pcm.program(0, rng);
      assertTrue(z >= 0 && z <= 25);
    }
    assertEquals(25, pcm.program(40, new SplittableRandom(1)), 2);
  }

  @Test
  void readIsRectifiedAtZero() {
    RandomGenerator rng = new SplittableRandom(5);
    int zeros = 0;
    for (int i = 0; i < 10_000; i++) {
      double r = pcm.read(0.25, 0.25, ONE_HOUR, rng);
      assertTrue(r >= 0);
      zeros += r == 0 ? 1 : 0;
    }
    // sigma_rel = 0.8366 at g = 0.01: P(1 + 0.8366 xi < 0) = Phi(-1.195) = 0.116.
    assertEquals(0.116, zeros / 10_000.0, 0.015);
  }

  @Test
  void theIdealDeviceDrawsNothingAndChangesNothing() {
    PcmDeviceModel ideal = PcmDeviceModel.of(CrossbarPreset.IDEAL);
    RandomGenerator forbidden = new ForbiddenRandom();
    assertEquals(12.5, ideal.program(12.5, forbidden), 0);
    assertEquals(0, ideal.driftExponent(12.5, forbidden), 0);
    assertEquals(12.5, ideal.read(12.5, 12.5, 86_400, forbidden), 0);
    assertEquals(DeviceFault.NONE, ideal.drawFault(forbidden));
    assertTrue(ideal.params().isIdeal());
  }

  @Test
  void pcmPresetHasNoDrift() {
    PcmDeviceModel noDrift = PcmDeviceModel.of(CrossbarPreset.PCM);
    assertEquals(0, noDrift.driftExponent(5, new SplittableRandom(1)), 0);
    assertTrue(noDrift.programmingSigma(5) > 0);
    assertTrue(noDrift.readNoiseRelativeSigma(5, 0) > 0);
  }

  @Test
  void faultsFollowTheirRates() {
    PcmDeviceModel faulty = PcmDeviceModel.of(PcmParams.of(CrossbarPreset.PCM).withStuckRates(0.1, 0.2));
    RandomGenerator rng = new SplittableRandom(9);
    int set = 0;
    int reset = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      DeviceFault f = faulty.drawFault(rng);
      set += f == DeviceFault.STUCK_SET ? 1 : 0;
      reset += f == DeviceFault.STUCK_RESET ? 1 : 0;
    }
    assertEquals(0.1, set / (double) n, 5 * Math.sqrt(0.1 * 0.9 / n));
    assertEquals(0.2, reset / (double) n, 5 * Math.sqrt(0.2 * 0.8 / n));
    assertEquals(25, faulty.stuckConductance(DeviceFault.STUCK_SET), 0);
    assertEquals(0, faulty.stuckConductance(DeviceFault.STUCK_RESET), 0);
  }

  @Test
  void presetsSwitchOnTheirEffects() {
    assertEquals(PcmParams.of(0, 0, 0), PcmParams.of(CrossbarPreset.IDEAL));
    assertEquals(PcmParams.of(1, 1, 0), PcmParams.of(CrossbarPreset.PCM));
    assertEquals(PcmParams.of(1, 1, 1), PcmParams.of(CrossbarPreset.PCM_DRIFT));
  }

  @Test
  void parametersAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> PcmParams.of(-1, 1, 1));
    assertThrows(
        IllegalArgumentException.class, () -> PcmParams.of(1, 1, 1).withStuckRates(0.7, 0.5));
    assertThrows(IllegalArgumentException.class, () -> PcmParams.of(1, 1, 1).withFaultRate(1.5));
    assertEquals(0.005, PcmParams.of(1, 1, 1).withFaultRate(0.01).stuckSetRate(), 0);
  }

  @Test
  void theClockOnlyMovesForward() {
    DeviceClock clock = new DeviceClock();
    clock.advance(86_400);
    clock.advance(1);
    assertEquals(86_401, clock.now(), 0);
    assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
    assertThrows(IllegalArgumentException.class, () -> clock.advance(Double.NaN));
  }

  /** A generator that fails the test if anything draws from it. */
  static final class ForbiddenRandom implements RandomGenerator {
    @Override
    public long nextLong() {
      throw new AssertionError("nothing should draw a random number here");
    }
  }
}
