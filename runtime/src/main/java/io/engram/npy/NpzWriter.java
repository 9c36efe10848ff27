package io.engram.npy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes NumPy {@code .npz} archives that {@code numpy.load} and {@link NpzArchive} read. */
public final class NpzWriter {

  private NpzWriter() {}

  /**
   * Writes the arrays (in map iteration order) as members {@code KEY.npy}.
   *
   * @param compress deflate the members (as {@code numpy.savez_compressed}) or store them
   */
  public static void write(Path file, Map<String, NpyArray> arrays, boolean compress)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out, arrays, compress);
    }
  }

  /** Writes the archive to a stream, which is finished but not closed. */
  public static void write(OutputStream out, Map<String, NpyArray> arrays, boolean compress)
      throws IOException {
    write(out, arrays, Map.of(), compress);
  }

  /**
   * Writes the arrays as members {@code KEY.npy}, then the other members under their own names
   * (such as a manifest); the stream is finished but not closed.
   */
  public static void write(
      OutputStream out, Map<String, NpyArray> arrays, Map<String, byte[]> others, boolean compress)
      throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
      member(zip, e.getKey() + ".npy", Npy.encode(e.getValue()), compress);
    }
    for (Map.Entry<String, byte[]> e : others.entrySet()) {
      member(zip, e.getKey(), e.getValue(), compress);
    }
    zip.finish();
  }

  private static void member(ZipOutputStream zip, String name, byte[] payload, boolean compress)
      throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(315532800000L); // 1980-01-01, as NumPy writes: reproducible archives
    if (compress) {
      entry.setMethod(ZipEntry.DEFLATED);
    } else {
      CRC32 crc = new CRC32();
      crc.update(payload);
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(payload.length);
      entry.setCompressedSize(payload.length);
      entry.setCrc(crc.getValue());
    }
    zip.putNextEntry(entry);
    zip.write(payload);
    zip.closeEntry();
  }
}
