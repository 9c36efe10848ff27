package io.engram.pcm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.CrossbarPreset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statistics device-stats reports against SPEC section 6's formulas, with the truncation at 0
 * and Gmax the SPEC describes: reference moments come from numerical integration.
 */
class DeviceCharacterisationTest {

  private static final double[] LEVELS = {1, 0.5, 0.25, 0.1, 0.01};
  private static final double[] TIMES = {1, 3600, 86_400};
  private static final int N = 200_000;
  private static List<DeviceStatsRow> rows;

  @BeforeAll
  static void characterise() {
    rows =
        new DeviceCharacterisation(PcmDeviceModel.of(CrossbarPreset.PCM_DRIFT), ProgramVerify.SINGLE_SHOT)
            .run(LEVELS, TIMES, N, 42);
  }

  @Test
  void oneRowPerLevelAndTime() {
    assertEquals(LEVELS.length * TIMES.length, rows.size());
    assertEquals(1.0, rows.get(0).level());
    assertEquals(86_400.0, rows.get(2).timeSeconds());
    assertEquals(0.01, rows.get(rows.size() - 1).level());
  }

  @Test
  void programmedConductanceIsTheCensoredNormal() {
    for (DeviceStatsRow row : rows) {
      double target = row.level() * 25;
      double[] expected = DeviceMoments.programmed(target);
      assertEquals(expected[0], row.progMeanMicroSiemens(), 6 * expected[1] / Math.sqrt(N), row.toCsv());
      assertEquals(expected[1], row.progStdMicroSiemens(), 0.015 * expected[1], row.toCsv());
    }
  }

  @Test
  void truncationAtGmaxLowersTheMeanAndTheSpread() {
    DeviceStatsRow top = rows.get(0);
    // SPEC: at g = 1 the mean programmed G is about 24.58 uS, not 25.
    assertEquals(24.58, top.progMeanMicroSiemens(), 0.01);
    assertTrue(top.progStdMicroSiemens() < 0.7 * 1.05538, "clipping halves the distribution");
  }

  @Test
  void driftExponentIsTheFoldedNormal() {
    for (DeviceStatsRow row : rows) {
      double target = row.level() * 25;
      double sd = DeviceMoments.sigmaNu(target);
      assertEquals(DeviceMoments.nuMean(target), row.nuMean(), 6 * sd / Math.sqrt(N), row.toCsv());
    }
  }

  @Test
  void readsFollowDriftAndRectifiedReadNoise() {
    for (DeviceStatsRow row : rows) {
      double target = row.level() * 25;
      double[] expected = DeviceMoments.read(target, row.timeSeconds(), true);
      assertEquals(expected[0], row.readMeanMicroSiemens(), 6 * expected[1] / Math.sqrt(N), row.toCsv());
      assertEquals(expected[1], row.readStdMicroSiemens(), 0.02 * expected[1], row.toCsv());
    }
  }

  @Test
  void meanDriftIsTheMeanOfTheFactorNotTheFactorOfTheMeanExponent() {
    DeviceStatsRow day = rows.get(rows.size() - 1);
    double target = 0.25;
    double naive =
        DeviceMoments.programmed(target)[0]
            * Math.pow((86_400 + 20) / 20.0, -DeviceMoments.nuMean(target));
    double expected = DeviceMoments.read(target, 86_400, true)[0];
    double se = DeviceMoments.read(target, 86_400, true)[1] / Math.sqrt(N);
    assertTrue(Math.abs(expected - naive) > 10 * se, "the two differ measurably");
    assertEquals(expected, day.readMeanMicroSiemens(), 6 * se);
  }

  @Test
  void theIdealDeviceHoldsItsLevelExactly() {
    List<DeviceStatsRow> ideal =
        new DeviceCharacterisation(PcmDeviceModel.of(CrossbarPreset.IDEAL), ProgramVerify.SINGLE_SHOT)
            .run(new double[] {0.5}, new double[] {86_400}, 100, 1);
    DeviceStatsRow row = ideal.get(0);
    assertEquals(12.5, row.progMeanMicroSiemens(), 1e-12);
    assertEquals(0, row.progStdMicroSiemens(), 1e-12);
    assertEquals(12.5, row.readMeanMicroSiemens(), 1e-12);
    assertEquals(0, row.nuMean(), 0);
  }

  @Test
  void programAndVerifyNarrowsTheProgrammedDistribution() {
    PcmDeviceModel noReadNoise = PcmDeviceModel.of(PcmParams.of(1, 0, 0));
    double[] level = {0.5};
    double[] time = {0};
    DeviceStatsRow single =
        new DeviceCharacterisation(noReadNoise, ProgramVerify.SINGLE_SHOT).run(level, time, 20_000, 3).get(0);
    DeviceStatsRow verified =
        new DeviceCharacterisation(noReadNoise, new ProgramVerify(100, 0.2)).run(level, time, 20_000, 3).get(0);
    // Without read noise the verify read is exact: every device ends within 0.2 uS of the target,
    // nearly uniformly (sd 0.2/sqrt(3)), unless all 100 pulses miss (probability 1e-8).
    assertTrue(single.progStdMicroSiemens() > 0.9);
    assertTrue(verified.progStdMicroSiemens() < 0.13, verified.toCsv());
    assertEquals(12.5, verified.progMeanMicroSiemens(), 0.01);
  }

  @Test
  void seedsReproduce() {
    DeviceCharacterisation c =
        new DeviceCharacterisation(PcmDeviceModel.of(CrossbarPreset.PCM_DRIFT), ProgramVerify.SINGLE_SHOT);
    double[] l = {0.3};
    double[] t = {60};
    assertEquals(c.run(l, t, 50, 7), c.run(l, t, 50, 7));
    assertTrue(!c.run(l, t, 50, 7).equals(c.run(l, t, 50, 8)));
  }

  @Test
  void badArgumentsAreRejected() {
    DeviceCharacterisation c =
        new DeviceCharacterisation(PcmDeviceModel.of(CrossbarPreset.PCM), ProgramVerify.SINGLE_SHOT);
    assertThrows(IllegalArgumentException.class, () -> c.run(new double[] {1.5}, new double[] {0}, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> c.run(new double[] {0.5}, new double[] {-1}, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> c.run(new double[] {0.5}, new double[] {0}, 1, 1));
  }
}
