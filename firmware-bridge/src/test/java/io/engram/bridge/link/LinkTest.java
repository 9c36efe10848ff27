package io.engram.bridge.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both links behind the one interface: in memory, and jSerialComm on a socat pty pair. */
class LinkTest {

  private static final long MS = 1_000_000L;

  private static byte[] readExactly(Link l, int n) throws LinkDownException {
    byte[] out = new byte[n];
    int got = 0;
    long deadline = System.nanoTime() + 2000 * MS;
    while (got < n && System.nanoTime() < deadline) {
      got += l.read(out, got, n - got, 50 * MS);
    }
    return Arrays.copyOf(out, got);
  }

  private static void roundTrip(Link a, Link b) throws LinkDownException {
    byte[] data = new byte[3000];
    new SplittableRandom(3).nextBytes(data);
    a.write(data, 0, data.length);
    assertArrayEquals(data, readExactly(b, data.length));
    b.write(data, 5, 10);
    assertArrayEquals(Arrays.copyOfRange(data, 5, 15), readExactly(a, 10));
    long t0 = System.nanoTime();
    assertEquals(0, a.read(new byte[4], 0, 4, 20 * MS), "nothing to read: a timeout");
    assertTrue(System.nanoTime() - t0 >= 15 * MS, "the read waited");
  }

  @Test
  void inMemoryLinkCarriesBytesBothWaysAndGoesDown() throws Exception {
    InMemoryLink.Pair p = InMemoryLink.pair("t", 8192);
    roundTrip(p.host(), p.device());
    p.host().sever();
    assertFalse(p.device().isUp());
    assertThrows(LinkDownException.class, () -> p.device().read(new byte[1], 0, 1, MS));
    p.host().restore();
    roundTrip(p.host(), p.device());
    p.device().close();
    assertThrows(LinkDownException.class, () -> p.host().write(new byte[1], 0, 1));
  }

  @Test
  void serialPortLinkWorksOnAPtyPairAndReopensAVanishedPort(@TempDir Path dir) throws Exception {
    try (SocatPty pty = SocatPty.start(dir)) {
      SerialPortLink host = new SerialPortLink(pty.hostPath(), 1_000_000, 10, 40);
      SerialPortLink device = new SerialPortLink(pty.devicePath(), 1_000_000, 10, 40);
      roundTrip(host, device);
      // Draining the input discards what arrived, never what was just written.
      device.write(new byte[] {9, 9}, 0, 2);
      Thread.sleep(20);
      host.write(new byte[] {1, 2, 3}, 0, 3);
      host.drainInput();
      assertArrayEquals(new byte[] {1, 2, 3}, readExactly(device, 3));
      assertEquals(0, host.read(new byte[2], 0, 2, MS), "the 9 9 were discarded");

      pty.kill();
      assertThrows(LinkDownException.class, () -> {
        for (int i = 0; i < 100; i++) {
          host.read(new byte[8], 0, 8, 5 * MS);
        }
      });
      assertFalse(host.isUp());
      assertThrows(LinkDownException.class, () -> host.write(new byte[1], 0, 1),
          "fails fast while the port is missing");

      pty.restart();
      long deadline = System.nanoTime() + 3000 * MS;
      while (!host.isUp() && System.nanoTime() < deadline) {
        try {
          host.read(new byte[1], 0, 1, MS);
        } catch (LinkDownException e) {
          Thread.sleep(5);
        }
      }
      assertTrue(host.isUp(), "reopened after the backoff");
      assertTrue(host.reopenCount() >= 1);
      device.close();
      SerialPortLink device2 = new SerialPortLink(pty.devicePath(), 1_000_000);
      roundTrip(host, device2);
      host.close();
      device2.close();
    }
  }

  @Test
  void aMissingPortIsAClearError() {
    LinkDownException e = assertThrows(LinkDownException.class,
        () -> new SerialPortLink("/dev/engram-no-such-port", 115200));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }
}
