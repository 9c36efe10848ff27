package io.engram.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.engram.testing.SharedReference;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzArchiveTest {

  @TempDir Path dir;

  private static Map<String, NpyArray> sample() {
    Map<String, NpyArray> m = new LinkedHashMap<>();
    m.put("omega", NpyArray.ofFloat32(new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}));
    m.put("ee", NpyArray.ofFloat64(new int[] {2}, new double[] {0.25, 1e-300}));
    m.put("clipped", NpyArray.ofBool(new int[] {2}, new boolean[] {true, false}));
    return m;
  }

  @Test
  void roundTripsStoredAndDeflatedArchives() throws Exception {
    for (boolean compress : new boolean[] {false, true}) {
      Path file = dir.resolve("a" + compress + ".npz");
      NpzWriter.write(file, sample(), compress);
      NpzArchive npz = NpzArchive.read(file);
      assertEquals(List.of("omega", "ee", "clipped"), List.copyOf(npz.keys()));
      for (Map.Entry<String, NpyArray> e : sample().entrySet()) {
        NpyArray got = npz.array(e.getKey());
        assertEquals(e.getValue().dtype(), got.dtype());
        assertArrayEquals(e.getValue().shape(), got.shape());
        assertArrayEquals(e.getValue().toDoubles(), got.toDoubles());
      }
    }
  }

  @Test
  void keepsMembersThatAreNotArrays() throws Exception {
    Path file = dir.resolve("m.npz");
    try (OutputStream out = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("W.npy"));
      zip.write(Npy.encode(NpyArray.ofFloat64(new int[] {1}, new double[] {3})));
      zip.putNextEntry(new ZipEntry("manifest.json"));
      zip.write("{}".getBytes(StandardCharsets.UTF_8));
    }
    NpzArchive npz = NpzArchive.read(file);
    assertEquals(List.of("W"), List.copyOf(npz.keys()));
    assertEquals("{}", new String(npz.otherMember("manifest.json"), StandardCharsets.UTF_8));
    assertFalse(npz.contains("manifest"));
  }

  @Test
  void namesTheMissingKeyAndThePresentOnes() throws Exception {
    Path file = dir.resolve("a.npz");
    NpzWriter.write(file, sample(), false);
    NpyFormatException e =
        assertThrows(NpyFormatException.class, () -> NpzArchive.read(file).array("W_in"));
    assertTrue(e.getMessage().contains("W_in") && e.getMessage().contains("omega"), e.getMessage());
  }

  @Test
  void rejectsCorruptAndTruncatedArchives() throws Exception {
    Path file = dir.resolve("a.npz");
    NpzWriter.write(file, sample(), true);
    byte[] bytes = Files.readAllBytes(file);
    Path truncated = dir.resolve("t.npz");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
    assertThrows(NpyFormatException.class, () -> NpzArchive.read(truncated));
    Path notZip = dir.resolve("n.npz");
    Files.writeString(notZip, "definitely not a zip archive");
    assertThrows(NpyFormatException.class, () -> NpzArchive.read(notZip));
    assertThrows(NoSuchFileException.class, () -> NpzArchive.read(dir.resolve("absent.npz")));
    // Flip a byte inside the deflated payload of the first member: CRC or inflater must catch it.
    byte[] flipped = bytes.clone();
    flipped[60] ^= 0x55;
    Path corrupt = dir.resolve("c.npz");
    Files.write(corrupt, flipped);
    assertThrows(NpyFormatException.class, () -> NpzArchive.read(corrupt));
  }

  @Test
  void readsTheReferenceArchives() throws Exception {
    NpzArchive meta = NpzArchive.read(SharedReference.metaBundle());
    NpyArray win = meta.array("W_in_trainee");
    assertEquals(NpyDType.FLOAT32, win.dtype());
    assertArrayEquals(new int[] {5, 250}, win.shape());
    assertEquals(-0.35295284f, (float) win.get(0));
    NpzArchive golden = NpzArchive.read(SharedReference.goldenTasks());
    assertArrayEquals(new int[] {6, 249, 250}, golden.array("learning_signal").shape());
    assertArrayEquals(
        new boolean[] {false, true, true, false, false, false}, golden.array("clipped").toBooleans());
    assertEquals(NpyDType.FLOAT64, golden.array("ee_after_cm").dtype());
    assertEquals(2.37575191, golden.array("ee_after_cm").get(0), 1e-8);
  }
}
