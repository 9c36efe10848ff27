package io.engram.cli.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds the native libraries inside a jar by their magic bytes (ELF, PE, Mach-O), whatever the
 * file is called, and reads the machine each ELF library was built for from its header: what
 * {@code unzip} and {@code file} show, without either.
 */
final class NativeLibraryScan {

  /** ELF e_machine values (System V ABI). */
  static final int EM_386 = 3;
  static final int EM_ARM = 40;
  static final int EM_X86_64 = 62;
  static final int EM_AARCH64 = 183;

  /** A native library in a jar: its entry, format, and for ELF its class (32/64) and machine. */
  record NativeLibrary(String entry, String format, int elfClassBits, int machine) {

    boolean isElf() {
      return format.equals("ELF");
    }

    /** A Linux library for 64-bit ARM: ELF64, little-endian AArch64, not under another OS's folder. */
    boolean isLinuxAarch64() {
      return isElf() && elfClassBits == 64 && machine == EM_AARCH64 && forLinux();
    }

    boolean isLinuxX86_64() {
      return isElf() && elfClassBits == 64 && machine == EM_X86_64 && forLinux();
    }

    /** ELF is also the format of the BSDs, Solaris and Android; their libraries sit in named folders. */
    boolean forLinux() {
      String e = entry.toLowerCase(Locale.ROOT);
      return !(e.startsWith("android/") || e.startsWith("freebsd/") || e.startsWith("openbsd/")
          || e.startsWith("solaris/") || e.startsWith("sunos/"));
    }

    String machineName() {
      switch (machine) {
        case EM_386: return "x86";
        case EM_ARM: return "arm";
        case EM_X86_64: return "x86-64";
        case EM_AARCH64: return "aarch64";
        default: return "machine " + machine;
      }
    }

    @Override
    public String toString() {
      return isElf() ? entry + " (ELF" + elfClassBits + " " + machineName() + ")"
          : entry + " (" + format + ")";
    }
  }

  private NativeLibraryScan() {}

  static List<NativeLibrary> scan(Path jar) throws IOException {
    List<NativeLibrary> found = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (e.isDirectory() || e.getName().endsWith(".class") || e.getSize() < 64) {
          continue;
        }
        byte[] head;
        try (InputStream in = zip.getInputStream(e)) {
          head = in.readNBytes(64);
        }
        NativeLibrary lib = identify(e.getName(), head);
        if (lib != null) {
          found.add(lib);
        }
      }
    }
    return found;
  }

  private static NativeLibrary identify(String entry, byte[] h) {
    if (h.length >= 20 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F') {
      int bits = h[4] == 2 ? 64 : 32;
      boolean little = h[5] == 1;
      int machine = little ? (h[18] & 0xff) | (h[19] & 0xff) << 8 : (h[18] & 0xff) << 8 | (h[19] & 0xff);
      return new NativeLibrary(entry, "ELF", bits, machine);
    }
    if (h.length >= 2 && h[0] == 'M' && h[1] == 'Z') {
      return new NativeLibrary(entry, "PE", 0, 0);
    }
    int magic = (h[0] & 0xff) << 24 | (h[1] & 0xff) << 16 | (h[2] & 0xff) << 8 | (h[3] & 0xff);
    if (magic == 0xfeedface || magic == 0xfeedfacf || magic == 0xcefaedfe || magic == 0xcffaedfe
        || magic == 0xcafebabe && !entry.endsWith(".class")) {
      return new NativeLibrary(entry, "Mach-O", 0, 0);
    }
    return null;
  }
}
