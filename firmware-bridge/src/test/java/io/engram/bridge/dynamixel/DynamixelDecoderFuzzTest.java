package io.engram.bridge.dynamixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Over a million bytes of garbage (with false headers), clean packets and mutated packets, fed in
 * random chunks: nothing throws, every clean packet is recovered in order, and mutated packets get
 * through no more often than a 16-bit CRC allows.
 */
class DynamixelDecoderFuzzTest {

  private static final Logger LOG = LoggerFactory.getLogger(DynamixelDecoderFuzzTest.class);

  @Test
  void survivesAMillionBytesOfGarbageAndMutations() {
    SplittableRandom rng = new SplittableRandom(4242);
    ByteArrayOutputStream stream = new ByteArrayOutputStream(1 << 21);
    List<String> clean = new ArrayList<>();
    byte[] params = new byte[200];
    byte[] wire = new byte[DynamixelCodec.MAX_PACKET];
    int serial = 0;
    long mutated = 0;
    while (stream.size() < 1_200_000) {
      int kind = rng.nextInt(3);
      if (kind == 0) {
        int n = rng.nextInt(300);
        for (int i = 0; i < n; i++) {
          int r = rng.nextInt(16);
          if (r == 0) {
            // A false header with a random length.
            stream.write(0xFF);
            stream.write(0xFF);
            stream.write(0xFD);
            stream.write(0);
            stream.write(rng.nextInt(256));
            stream.write(rng.nextInt(256));
            stream.write(rng.nextInt(5));
          } else {
            stream.write(r < 4 ? 0xFF : r < 6 ? 0xFD : rng.nextInt(256));
          }
        }
        continue;
      }
      int len = 4 + rng.nextInt(120);
      for (int i = 0; i < len; i++) {
        int r = rng.nextInt(6);
        params[i] = (byte) (r == 0 ? 0xFF : r == 1 ? 0xFD : rng.nextInt(256));
      }
      DynamixelCodec.put(params, 0, serial++, 4);
      int id = rng.nextInt(0, 253);
      boolean status = rng.nextBoolean();
      int err = rng.nextInt(256);
      int n = status
          ? DynamixelCodec.status(id, err, params, 0, len, wire)
          : DynamixelCodec.instruction(id, Instruction.WRITE, params, 0, len, wire);
      if (kind == 1) {
        stream.write(wire, 0, n);
        clean.add(key(id, status ? Instruction.STATUS : Instruction.WRITE, status ? err : 0, params,
            len));
      } else {
        byte[] m = mutate(Arrays.copyOf(wire, n), rng);
        stream.write(m, 0, m.length);
        mutated++;
      }
    }
    byte[] all = stream.toByteArray();
    assertTrue(all.length >= 1_000_000);

    DynamixelDecoder d = new DynamixelDecoder();
    List<String> got = new ArrayList<>();
    DynamixelDecoder.Handler h = p -> got.add(key(p.id(), p.instruction(), p.error(), p.params(),
        p.paramLength()));
    long t0 = System.nanoTime();
    for (int off = 0; off < all.length; ) {
      int n = Math.min(all.length - off, 1 + rng.nextInt(700));
      d.feed(all, off, n, h);
      off += n;
    }
    long micros = (System.nanoTime() - t0) / 1000;

    Set<String> cleanSet = new HashSet<>(clean);
    List<String> delivered = new ArrayList<>();
    int falseAccepts = 0;
    for (String k : got) {
      if (cleanSet.contains(k)) {
        delivered.add(k);
      } else {
        falseAccepts++;
      }
    }
    LOG.info("dynamixel fuzz: {} bytes, {} clean packets, {} mutated; delivered {} clean, {} "
        + "false; dropped crc={} length={}; {} us", all.length, clean.size(), mutated,
        delivered.size(), falseAccepts, d.crcErrors(), d.lengthErrors(), micros);
    // Every CRC check of a false or damaged packet passes with probability 2^-16.
    long checks = d.crcErrors() + falseAccepts;
    assertTrue(falseAccepts <= 3 + 4 * checks / 65536,
        falseAccepts + " false accepts in " + checks + " CRC checks");
    if (falseAccepts == 0) {
      assertEquals(clean, delivered, "every clean packet, in order");
    } else {
      // A falsely accepted packet may swallow the clean packets it overlaps, never more.
      assertTrue(clean.size() - delivered.size() <= 8L * falseAccepts);
    }
  }

  private static String key(int id, int inst, int err, byte[] p, int len) {
    StringBuilder sb = new StringBuilder().append(id).append('/').append(inst).append('/')
        .append(err).append('/');
    for (int i = 0; i < len; i++) {
      sb.append(Character.forDigit((p[i] >> 4) & 15, 16)).append(Character.forDigit(p[i] & 15, 16));
    }
    return sb.toString();
  }

  private static byte[] mutate(byte[] in, SplittableRandom rng) {
    byte[] b = in.clone();
    // Keep the header most of the time, so the CRC (not the header search) has to catch it.
    int from = rng.nextInt(4) == 0 ? 0 : 4;
    switch (rng.nextInt(4)) {
      case 0: {
        int flips = 1 + rng.nextInt(3);
        for (int k = 0; k < flips; k++) {
          b[from + rng.nextInt(b.length - from)] ^= (byte) (1 << rng.nextInt(8));
        }
        if (Arrays.equals(b, in)) {
          b[b.length - 1] ^= 1; // two flips cancelled
        }
        return b;
      }
      case 1: {
        int i = from + rng.nextInt(b.length - from);
        b[i] = (byte) (b[i] + 1 + rng.nextInt(255));
        return b;
      }
      case 2: {
        int i = from + rng.nextInt(b.length - from);
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, i);
        System.arraycopy(b, i + 1, out, i, b.length - i - 1);
        return out;
      }
      default:
        return Arrays.copyOf(b, from + rng.nextInt(b.length - from));
    }
  }
}
