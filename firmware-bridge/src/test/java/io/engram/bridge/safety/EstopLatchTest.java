package io.engram.bridge.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EstopLatchTest {
  private static final long MS = 1_000_000L;

  @Test
  void aGlitchShorterThanTheDebounceIsIgnored() {
    EstopLatch l = new EstopLatch(5 * MS);
    assertFalse(l.sample(true, 0));
    assertFalse(l.sample(false, 2 * MS));
    assertFalse(l.sample(false, 20 * MS));
    assertEquals(1, l.glitches());
  }

  @Test
  void anAssertionHeldForTheDebounceLatchesUntilResetWhileReleased() {
    EstopLatch l = new EstopLatch(5 * MS);
    assertFalse(l.sample(true, 0));
    assertFalse(l.sample(true, 4 * MS));
    assertTrue(l.sample(true, 5 * MS));
    assertFalse(l.reset(), "still asserted: the reset is refused");
    assertTrue(l.sample(false, 50 * MS), "released: still latched");
    assertTrue(l.reset());
    assertFalse(l.latched());
  }

  @Test
  void aPressLongerThanTheDebounceBetweenTwoPollsStillLatches() {
    EstopLatch l = new EstopLatch(5 * MS);
    l.sample(true, 1 * MS);
    assertTrue(l.sample(false, 9 * MS), "the edges showed an 8 ms press");
  }

  @Test
  void zeroDebounceLatchesAtOnce() {
    assertTrue(new EstopLatch(0).sample(true, 0));
  }
}
