package io.engram.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The contents of a NumPy {@code .npz} archive: a zip of {@code .npy} members (stored or
 * deflated), read completely when opened. Members whose names end in {@code .npy} are decoded as
 * arrays, keyed by the name without the suffix (as {@code numpy.load} does); any other member is
 * kept as raw bytes.
 */
public final class NpzArchive {

  private static final String NPY_SUFFIX = ".npy";

  private final String source;
  private final Map<String, NpyArray> arrays;
  private final Map<String, byte[]> otherMembers;
  private final Map<String, String> sha256;

  private NpzArchive(
      String source,
      Map<String, NpyArray> arrays,
      Map<String, byte[]> others,
      Map<String, String> sha256) {
    this.source = source;
    this.arrays = Collections.unmodifiableMap(arrays);
    this.otherMembers = Collections.unmodifiableMap(others);
    this.sha256 = Collections.unmodifiableMap(sha256);
  }

  /** The SHA-256 of bytes, as 64 lower-case hex digits. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  /**
   * Reads a whole archive.
   *
   * @throws NpyFormatException if the file is not a zip archive or a member is not a valid array
   * @throws NoSuchFileException if the file does not exist
   */
  public static NpzArchive read(Path file) throws IOException {
    String source = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(source, null, "no such .npz file");
    }
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    Map<String, byte[]> others = new LinkedHashMap<>();
    Map<String, String> sha256 = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (entry.isDirectory()) {
          continue;
        }
        String name = entry.getName();
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
          bytes = in.readAllBytes();
        } catch (ZipException e) {
          throw new NpyFormatException(
              source + ": member " + name + " is corrupt: " + e.getMessage(), e);
        }
        // ZipFile does not check the CRC-32 of what it inflates; a damaged member must not pass.
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
          throw new NpyFormatException(
              source + ": member " + name + " is corrupt: its CRC-32 does not match");
        }
        if (name.endsWith(NPY_SUFFIX)) {
          String key = name.substring(0, name.length() - NPY_SUFFIX.length());
          if (arrays.containsKey(key)) {
            throw new NpyFormatException(source + ": duplicate member " + name);
          }
          arrays.put(key, Npy.decode(bytes, source + "!" + name));
          sha256.put(key, sha256Hex(bytes));
        } else {
          others.put(name, bytes);
        }
      }
    } catch (ZipException e) {
      throw new NpyFormatException(
          source + ": not a readable .npz (zip) archive: " + e.getMessage(), e);
    }
    return new NpzArchive(source, arrays, others, sha256);
  }

  /** Where the archive was read from. */
  public String source() {
    return source;
  }

  /** The array keys, in archive order. */
  public Set<String> keys() {
    return arrays.keySet();
  }

  public boolean contains(String key) {
    return arrays.containsKey(key);
  }

  /**
   * The array stored under {@code key}.
   *
   * @throws NpyFormatException if there is no such member, listing the ones present
   */
  public NpyArray array(String key) throws NpyFormatException {
    NpyArray a = arrays.get(key);
    if (a == null) {
      throw new NpyFormatException(
          source + ": no array '" + key + "' (present: " + String.join(", ", arrays.keySet()) + ")");
    }
    return a;
  }

  /**
   * The SHA-256 of array {@code key}'s {@code .npy} member as stored (after inflating), in hex:
   * what {@code unzip -p FILE KEY.npy | sha256sum} prints; null if there is no such array.
   */
  public String sha256(String key) {
    return sha256.get(key);
  }

  /** Names of the members that are not {@code .npy} arrays. */
  public Set<String> otherMemberNames() {
    return otherMembers.keySet();
  }

  /** The raw bytes of a member that is not an array, or null if absent. */
  public byte[] otherMember(String name) {
    byte[] b = otherMembers.get(name);
    return b == null ? null : b.clone();
  }
}
