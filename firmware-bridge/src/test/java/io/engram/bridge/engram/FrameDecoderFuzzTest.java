package io.engram.bridge.engram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Over a million bytes of garbage, clean frames and mutated frames, fed in random chunks: nothing
 * throws, every clean frame is recovered in order, and no mutated frame gets through.
 */
class FrameDecoderFuzzTest {

  private static final Logger LOG = LoggerFactory.getLogger(FrameDecoderFuzzTest.class);
  private static final int[] TYPES = {
    EngramProtocol.HELLO, EngramProtocol.HELLO_REPLY, EngramProtocol.STATE_REQUEST,
    EngramProtocol.JOINT_STATE, EngramProtocol.MOTOR_COMMAND, EngramProtocol.HEARTBEAT,
    EngramProtocol.FAULT, EngramProtocol.CLEAR_FAULTS
  };

  private static int payloadLength(int type, SplittableRandom rng) {
    switch (type) {
      case EngramProtocol.HELLO:
        return EngramProtocol.HELLO_LENGTH;
      case EngramProtocol.HELLO_REPLY:
        return EngramProtocol.HELLO_REPLY_LENGTH;
      case EngramProtocol.FAULT:
        return EngramProtocol.FAULT_LENGTH;
      case EngramProtocol.JOINT_STATE:
        return EngramProtocol.JOINT_STATE_HEADER
            + EngramProtocol.JOINT_STATE_PER_JOINT * rng.nextInt(EngramProtocol.MAX_JOINTS + 1);
      case EngramProtocol.MOTOR_COMMAND:
        return EngramProtocol.MOTOR_COMMAND_HEADER
            + EngramProtocol.MOTOR_COMMAND_PER_JOINT * rng.nextInt(EngramProtocol.MAX_JOINTS + 1);
      default:
        return 0;
    }
  }

  @Test
  void survivesAMillionBytesOfGarbageAndMutations() {
    SplittableRandom rng = new SplittableRandom(20260101L);
    FrameEncoder enc = new FrameEncoder();
    ByteArrayOutputStream stream = new ByteArrayOutputStream(1 << 21);
    List<String> clean = new ArrayList<>();
    byte[] payload = new byte[EngramProtocol.MAX_PAYLOAD];
    byte[] wire = new byte[EngramProtocol.MAX_WIRE];
    int seq = 0;
    long garbageBytes = 0;
    long mutated = 0;
    while (stream.size() < 1_200_000) {
      int kind = rng.nextInt(3);
      if (kind == 0) {
        int n = rng.nextInt(400);
        for (int i = 0; i < n; i++) {
          // Garbage rich in zeros and in COBS-looking code bytes.
          int r = rng.nextInt(8);
          stream.write(r == 0 ? 0 : r == 1 ? rng.nextInt(1, 16) : rng.nextInt(256));
        }
        garbageBytes += n;
        continue;
      }
      int type = TYPES[rng.nextInt(TYPES.length)];
      int len = payloadLength(type, rng);
      for (int i = 0; i < len; i++) {
        payload[i] = rng.nextInt(4) == 0 ? 0 : (byte) rng.nextInt(256);
      }
      if (type == EngramProtocol.JOINT_STATE) {
        payload[4] = (byte) ((len - EngramProtocol.JOINT_STATE_HEADER)
            / EngramProtocol.JOINT_STATE_PER_JOINT);
      } else if (type == EngramProtocol.MOTOR_COMMAND) {
        payload[0] = (byte) ((len - EngramProtocol.MOTOR_COMMAND_HEADER)
            / EngramProtocol.MOTOR_COMMAND_PER_JOINT);
      }
      int s = seq++ & 0xFFFF;
      long ts = rng.nextLong() & 0xFFFF_FFFFL;
      int n = enc.encode(type, s, ts, payload, 0, len, wire, 0);
      if (kind == 1) {
        stream.write(wire, 0, n);
        clean.add(key(type, s, ts, payload, 0, len));
      } else {
        stream.write(0);
        byte[] inner = mutate(Arrays.copyOfRange(wire, 1, n - 1), rng);
        stream.write(inner, 0, inner.length);
        stream.write(0);
        mutated++;
      }
    }
    byte[] all = stream.toByteArray();
    assertTrue(all.length >= 1_000_000);

    FrameDecoder d = new FrameDecoder();
    List<String> got = new ArrayList<>();
    FrameDecoder.Handler h = f -> got.add(key(f.type(), f.seq(), f.timestampMicros(), f.payload(),
        f.payloadOffset(), f.payloadLength()));
    long t0 = System.nanoTime();
    for (int off = 0; off < all.length; ) {
      int n = Math.min(all.length - off, 1 + rng.nextInt(700));
      d.feed(all, off, n, h);
      off += n;
    }
    long micros = (System.nanoTime() - t0) / 1000;

    List<String> accepted = new ArrayList<>(got);
    accepted.removeAll(clean);
    int falseAccepts = accepted.size();
    accepted.forEach(a -> LOG.info("accepted: {}", a));
    got.retainAll(clean);
    LOG.info("engram fuzz: {} bytes ({} garbage), {} clean frames, {} mutated; delivered {} clean, "
        + "{} mutated; dropped crc={} length={} version={} type={}; {} us",
        all.length, garbageBytes, clean.size(), mutated, got.size(), falseAccepts, d.crcErrors(),
        d.lengthErrors(), d.versionErrors(), d.unknownTypes(), micros);
    assertEquals(clean, got, "every clean frame, in order");
    assertEquals(0, falseAccepts, "mutated or garbage frames accepted");
    assertTrue(d.crcErrors() + d.lengthErrors() >= mutated / 2, "the mutations were detected");
  }

  private static String key(int type, int seq, long ts, byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder().append(type).append('/').append(seq).append('/')
        .append(ts).append('/');
    for (int i = off; i < off + len; i++) {
      sb.append(Character.forDigit((b[i] >> 4) & 15, 16)).append(Character.forDigit(b[i] & 15, 16));
    }
    return sb.toString();
  }

  /** Bit flips, byte substitutions, insertions, deletions or a truncation, inside the frame. */
  private static byte[] mutate(byte[] in, SplittableRandom rng) {
    byte[] b = in.clone();
    switch (rng.nextInt(5)) {
      case 0: {
        int flips = 1 + rng.nextInt(3);
        for (int k = 0; k < flips; k++) {
          b[rng.nextInt(b.length)] ^= (byte) (1 << rng.nextInt(8));
        }
        if (Arrays.equals(b, in)) {
          b[0] ^= 1; // two flips cancelled
        }
        return b;
      }
      case 1: {
        int i = rng.nextInt(b.length);
        b[i] = (byte) (b[i] + 1 + rng.nextInt(255));
        return b;
      }
      case 2: {
        int i = rng.nextInt(b.length + 1);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, i);
        out[i] = (byte) rng.nextInt(1, 256);
        System.arraycopy(b, i, out, i + 1, b.length - i);
        return out;
      }
      case 3: {
        int i = rng.nextInt(b.length);
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, i);
        System.arraycopy(b, i + 1, out, i, b.length - i - 1);
        return out;
      }
      default:
        return Arrays.copyOf(b, rng.nextInt(b.length));
    }
  }
}
