package io.engram.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.config.TargetEncodingConfig;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncoderTest {

  @Test
  void clockChannelSpikesEveryTenStepsInsideItsSlot() {
    SpikeRaster clock = ClockEncoder.reference().encode(249);
    assertEquals(5, clock.channels());
    int total = 0;
    for (int t = 0; t < 249; t++) {
      for (int k = 0; k < 5; k++) {
        boolean expected = t / 50 == k && t % 10 == 0;
        assertEquals(expected, clock.isActive(t, k), "t=" + t + " k=" + k);
      }
      total += clock.count(t);
    }
    assertEquals(25, total);
  }

  @Test
  void targetBitsTruncateAndWrapAtSixteenBits() {
    TargetBitEncoder enc = TargetBitEncoder.reference();
    // Per step one coordinate triple: 0 -> 2^15 (bit 15 only); 1.0 -> 2^16 wraps to 0;
    // just below 0 truncates to 2^15 - 1 (bits 0..14); 1.5 -> 5 * 2^14 wraps to 2^14 (bit 14 only).
    double[] xyz = {0.0, 1.0, -1e-6, 1.5, 0.25, 0.0};
    SpikeRaster r = enc.encode(xyz, 2);
    assertEquals(48, r.channels());
    for (int k = 0; k < 16; k++) {
      assertEquals(k == 15, r.isActive(0, k), "x bit " + k);
      assertFalse(r.isActive(0, 16 + k), "y bit " + k + " wrapped away");
      assertEquals(k < 15, r.isActive(0, 32 + k), "z bit " + k);
      assertEquals(k == 14, r.isActive(1, k), "1.5 bit " + k);
      assertEquals(k == 15 || k == 13, r.isActive(1, 16 + k), "0.25 bit " + k);
    }
  }

  @Test
  void targetBitsUseTheValueAsGivenNotRecomputedInFloat() {
    // 0.91998255f widened: (c + 1) * 2^15 = 62913.988..., truncated to 62913.
    double c = 0.91998255f;
    SpikeRaster r = TargetBitEncoder.reference().encode(new double[] {c, 0, 0}, 1);
    int code = 0;
    for (int k = 0; k < 16; k++) {
      code |= r.isActive(0, k) ? 1 << k : 0;
    }
    assertEquals((int) ((c + 1) * 32768.0), code);
    assertEquals(62913, code);
  }

  @Test
  void aLeadReadsTheTrajectoryAheadAndHoldsItsLastRow() {
    int steps = 40;
    double[] xyz = new double[steps * 3];
    Random rng = new Random(5);
    for (int i = 0; i < xyz.length; i++) {
      xyz[i] = rng.nextDouble() - 0.5;
    }
    for (int lead : new int[] {1, 7, 39, 40, 1000}) {
      SpikeRaster ahead = new TargetBitEncoder(3, 16, 1.0, 32768.0, lead).encode(xyz, steps);
      for (int t = 0; t < steps; t++) {
        int row = Math.min(t + lead, steps - 1);
        SpikeRaster one =
            TargetBitEncoder.reference().encode(Arrays.copyOfRange(xyz, 3 * row, 3 * row + 3), 1);
        for (int c = 0; c < 48; c++) {
          assertEquals(one.isActive(0, c), ahead.isActive(t, c), "lead " + lead + " t " + t + " c " + c);
        }
      }
    }
    TargetEncodingConfig configured = new TargetEncodingConfig(16, 1.0, 32768.0, 12);
    assertEquals(12, TargetBitEncoder.of(configured).lead());
    assertEquals(0, TargetBitEncoder.of(TargetEncodingConfig.defaults()).lead());
    assertThrows(IllegalArgumentException.class, () -> new TargetBitEncoder(3, 16, 1.0, 1.0, -1));
    assertThrows(IllegalArgumentException.class, () -> new TargetEncodingConfig(16, 1.0, 1.0, -1));
  }

  @Test
  void rejectsNonFiniteTargetsAndWrongLengths() {
    TargetBitEncoder enc = TargetBitEncoder.reference();
    assertThrows(IllegalArgumentException.class, () -> enc.encode(new double[] {Double.NaN, 0, 0}, 1));
    assertThrows(IllegalArgumentException.class, () -> enc.encode(new double[] {0, 0}, 1));
  }

  @Test
  void concatenatedRasterShiftsTheSecondChannels() {
    SpikeRaster a = new SpikeRaster.Builder(2, 3).spike(0, 1).spike(2, 0).build();
    SpikeRaster b = new SpikeRaster.Builder(3, 3).spike(0, 2).spike(1, 0).build();
    SpikeRaster c = a.concat(b);
    assertEquals(5, c.channels());
    int[] out = new int[5];
    assertEquals(2, c.copyActive(0, out, 0));
    assertEquals(1, out[0]);
    assertEquals(4, out[1]);
    assertTrue(c.isActive(1, 2));
    assertTrue(c.isActive(2, 0));
    assertEquals(0, new SpikeRaster.Builder(1, 4).build().count(3));
  }
}
