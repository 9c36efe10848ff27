package io.engram.crossbar;

import static io.engram.crossbar.CrossbarFixture.activeRows;
import static io.engram.crossbar.CrossbarFixture.array;
import static io.engram.crossbar.CrossbarFixture.product;
import static io.engram.crossbar.CrossbarFixture.weights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.CrossbarPreset;
import io.engram.config.WeightScale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Without device noise the fixed-point array computes the float product within its bound. */
class FixedPointTest {

  static Stream<Arguments> formats() {
    CrossbarParams chip = CrossbarParams.chip();
    Periphery wideAdc = new Periphery(8, 8, 64, 0);
    return Stream.of(
        Arguments.of("chip", chip.withPeriphery(wideAdc)),
        Arguments.of("1 pair, array scale", chip.withPairFactors(1).withWeightScale(WeightScale.PER_ARRAY).withPeriphery(wideAdc)),
        Arguments.of("2 pairs, factors 1 and 2", chip.withPairFactors(1, 2).withPeriphery(wideAdc)),
        Arguments.of("2 pairs, factors 1 and 4", chip.withPairFactors(1, 4).withPeriphery(wideAdc)),
        Arguments.of("ideal ADC", chip.withPeriphery(new Periphery(8, 0, 1, 0))),
        Arguments.of("6-bit conductances", chip.withConductanceBits(6).withPeriphery(new Periphery(8, 0, 1, 0))),
        Arguments.of("12-bit ADC", chip.withPeriphery(new Periphery(8, 12, 16, 0))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void productsStayWithinTheQuantisationBound(String name, CrossbarParams params) {
    int rows = 255;
    int cols = 250;
    double[] w = weights(rows, cols, 11);
    CrossbarArray xbar = array(rows, cols, params, CrossbarPreset.IDEAL, 1);
    xbar.program(w);
    SplittableRandom rng = new SplittableRandom(5);
    double worstRatio = 0;
    for (int trial = 0; trial < 200; trial++) {
      int count = 1 + rng.nextInt(20);
      int[] active = activeRows(rows, count, rng);
      double[] expected = product(w, cols, active, count);
      double[] got = new double[cols];
      xbar.accumulateRows(active, count, got);
      for (int c = 0; c < cols; c++) {
        double bound = bound(xbar, c, count) + 1e-12;
        double err = Math.abs(got[c] - expected[c]);
        assertTrue(err <= bound, name + ": column " + c + " error " + err + " > bound " + bound);
        worstRatio = Math.max(worstRatio, err / bound);
      }
    }
    // The bound is a real one, not a slack that hides errors: errors come close to it.
    assertTrue(worstRatio > 0.3, name + ": worst error only " + worstRatio + " of the bound");
  }

  /**
   * A cell rounds to half a code of its most significant pair; the ADC to half a step; both
   * converted to weight units by the column's scale.
   */
  static double bound(CrossbarArray xbar, int c, int count) {
    CrossbarParams p = xbar.params();
    double gMaxCode = (1 << p.conductanceBits()) - 1;
    double codesPerWeight = p.factorSum() * gMaxCode / xbar.weightMax(c);
    double cell = 0.5 * p.pairFactor(p.pairsPerWeight() - 1) / codesPerWeight;
    Periphery io = p.periphery();
    double adc =
        io.idealAdc() ? 0 : 0.5 * io.adcRange() * p.factorSum() * gMaxCode / io.adcMax() / codesPerWeight;
    return count * cell + adc;
  }

  @Test
  void readBackReturnsTheWeightsWithinHalfACode() {
    CrossbarParams params =
        CrossbarParams.chip().withConductanceBits(8).withPeriphery(new Periphery(8, 0, 1, 0));
    double[] w = weights(40, 30, 3);
    CrossbarArray xbar = array(40, 30, params, CrossbarPreset.IDEAL, 1);
    xbar.program(w);
    double[] back = new double[w.length];
    xbar.read(back);
    double maxErr = 0;
    for (int i = 0; i < w.length; i++) {
      double bound = bound(xbar, i % 30, 1);
      assertEquals(w[i], back[i], bound + 1e-12);
      maxErr = Math.max(maxErr, Math.abs(w[i] - back[i]) / bound);
    }
    assertTrue(maxErr > 0.5);
  }

  @Test
  void representableWeightsAreExact() {
    // With 1 pair and array scale w_max = 2, weights that are multiples of 2 / (2^8 - 1) are exact.
    CrossbarParams params =
        CrossbarParams.chip().withConductanceBits(8).withPairFactors(1).withWeightScale(WeightScale.PER_ARRAY)
            .withPeriphery(new Periphery(8, 0, 1, 0));
    double lsb = 2.0 / 255;
    double[] w = {2, -2, 17 * lsb, -100 * lsb, 0, lsb};
    CrossbarArray xbar = array(2, 3, params, CrossbarPreset.IDEAL, 1);
    xbar.program(w);
    double[] out = new double[3];
    xbar.accumulateRows(new int[] {0, 1}, 2, out);
    assertArrayEquals(new double[] {2 - 100 * lsb, -2, 18 * lsb}, out, 1e-12);
  }

  @Test
  void theAdcSaturatesAtItsRange() {
    // 8-bit ADC over +-2 full cells: three cells at w_max in one column saturate at 2 w_max.
    CrossbarParams params = CrossbarParams.chip().withPairFactors(1).withPeriphery(new Periphery(8, 8, 2, 0));
    CrossbarArray xbar = array(3, 1, params, CrossbarPreset.IDEAL, 1);
    xbar.program(new double[] {1.5, 1.5, 1.5});
    double[] out = new double[1];
    xbar.accumulateRows(new int[] {0, 1, 2}, 3, out);
    assertEquals(3.0, out[0], 1e-9);
  }

  @Test
  void theAdcRoundsHalfToEven() {
    assertEquals(2, ColumnAdc.roundHalfEvenDiv(5, 2));
    assertEquals(4, ColumnAdc.roundHalfEvenDiv(7, 2));
    assertEquals(-2, ColumnAdc.roundHalfEvenDiv(-5, 2));
    assertEquals(-4, ColumnAdc.roundHalfEvenDiv(-7, 2));
    assertEquals(0, ColumnAdc.roundHalfEvenDiv(1, 2));
    assertEquals(0, ColumnAdc.roundHalfEvenDiv(-1, 2));
    assertEquals(1, ColumnAdc.roundHalfEvenDiv(4, 3));
    assertEquals(2, ColumnAdc.roundHalfEvenDiv(5, 3));
    ColumnAdc adc = new ColumnAdc(127, 1000);
    assertEquals(127, adc.convert(5000));
    assertEquals(-127, adc.convert(-5000));
    assertEquals(64, adc.convert(500)); // 63.5 -> 64
    assertEquals(-64, adc.convert(-500));
    assertEquals(12, new ColumnAdc(0, 1).convert(12));
  }

  @Test
  void theAdcsDoubleQuotientIsTheIntegerOne() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(8);
    long fullScale = 4L * 4 * 65535 * 127;
    ColumnAdc adc = new ColumnAdc(127, fullScale);
    for (int i = 0; i < 1_000_000; i++) {
      long acc = rng.nextLong(-2 * fullScale, 2 * fullScale);
      if (i % 4 == 0) {
        // An exact tie: acc * 127 = (k + 1/2) fullScale.
        long k = rng.nextLong(-130, 130);
        acc = (2 * k + 1) * fullScale / 254;
        if ((2 * k + 1) * fullScale % 254 != 0) {
          continue;
        }
      }
      long expected = Math.max(-127, Math.min(127, ColumnAdc.roundHalfEvenDiv(acc * 127, fullScale)));
      assertEquals(expected, adc.convert(acc), "acc " + acc);
    }
  }

  @Test
  void theDacRoundsInputsHalfToEvenAndClipsThem() {
    for (int bits : new int[] {2, 3, 4}) {
      CrossbarParams params =
          CrossbarParams.chip().withPairFactors(1).withPeriphery(new Periphery(bits, 0, 1, 0));
      CrossbarArray xbar = array(1, 1, params, CrossbarPreset.IDEAL, 1);
      xbar.program(new double[] {1});
      int max = (1 << (bits - 1)) - 1;
      double half = Math.rint(0.5 * max); // 0.5 -> 0 (bits 2), 1.5 -> 2 (3), 3.5 -> 4 (4)
      assertEquals(half / max, multiply(xbar, 0.5), 1e-12, "bits " + bits);
      assertEquals(-half / max, multiply(xbar, -0.5), 1e-12, "bits " + bits);
      assertEquals(1, multiply(xbar, 3), 1e-12);
      assertEquals(-1, multiply(xbar, -3), 1e-12);
    }
  }

  @Test
  void aDenseProductOfZerosAndOnesEqualsTheEventDrivenOne() {
    double[] w = weights(20, 10, 4);
    CrossbarArray xbar = array(20, 10, CrossbarParams.chip(), CrossbarPreset.IDEAL, 1);
    xbar.program(w);
    double[] input = new double[20];
    input[3] = 1;
    input[7] = 1;
    input[19] = 1;
    double[] dense = new double[10];
    double[] events = new double[10];
    xbar.multiply(input, dense);
    xbar.accumulateRows(new int[] {3, 7, 19}, 3, events);
    assertArrayEquals(events, dense, 0);
  }

  private static double multiply(CrossbarArray xbar, double x) {
    double[] out = new double[1];
    xbar.multiply(new double[] {x}, out);
    return out[0];
  }
}
