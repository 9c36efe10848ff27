package io.engram.cli.packaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A Debian binary package read without dpkg: the ar container, its {@code debian-binary}, and the
 * members of {@code control.tar.gz} and {@code data.tar.gz} with their modes, owners and contents.
 */
final class DebianPackage {

  /** One member of a tar archive; paths are absolute ({@code /usr/bin/engram}). */
  record Member(String path, int mode, String user, String group, boolean directory, byte[] content) {

    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }

    /** The permission bits in octal, as ls -l shows them numerically ({@code "755"}). */
    String octalMode() {
      return Integer.toOctalString(mode & 07777);
    }
  }

  final String debianBinary;
  final Map<String, Member> control;
  final Map<String, Member> data;

  private DebianPackage(String debianBinary, Map<String, Member> control, Map<String, Member> data) {
    this.debianBinary = debianBinary;
    this.control = control;
    this.data = data;
  }

  static DebianPackage read(Path deb) throws IOException {
    String debianBinary = null;
    Map<String, Member> control = null;
    Map<String, Member> data = null;
    try (ArArchiveInputStream ar = new ArArchiveInputStream(Files.newInputStream(deb))) {
      ArArchiveEntry e;
      while ((e = ar.getNextEntry()) != null) {
        byte[] bytes = ar.readAllBytes();
        switch (e.getName()) {
          case "debian-binary":
            debianBinary = new String(bytes, StandardCharsets.US_ASCII);
            break;
          case "control.tar.gz":
            control = readTarGz(bytes);
            break;
          case "data.tar.gz":
            data = readTarGz(bytes);
            break;
          default:
            throw new IOException("unexpected member " + e.getName() + " in " + deb);
        }
      }
    }
    if (debianBinary == null || control == null || data == null) {
      throw new IOException(deb + " lacks debian-binary, control.tar.gz or data.tar.gz");
    }
    return new DebianPackage(debianBinary, control, data);
  }

  /** The fields of the control file ({@code Package}, {@code Depends}, ...). */
  Map<String, String> controlFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    String last = null;
    for (String line : control.get("/control").text().split("\n")) {
      if (line.startsWith(" ") && last != null) {
        fields.put(last, fields.get(last) + "\n" + line.substring(1));
      } else if (line.contains(":")) {
        last = line.substring(0, line.indexOf(':'));
        fields.put(last, line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return fields;
  }

  /** Writes every data member under {@code root} with its permission bits: a scratch install. */
  void unpackData(Path root) throws IOException {
    for (Member m : data.values()) {
      Path target = root.resolve(m.path().substring(1));
      if (m.directory()) {
        Files.createDirectories(target);
      } else {
        Files.createDirectories(target.getParent());
        Files.write(target, m.content());
      }
      Files.setPosixFilePermissions(target, Permissions.of(m.mode()));
    }
  }

  private static Map<String, Member> readTarGz(byte[] bytes) throws IOException {
    Map<String, Member> members = new LinkedHashMap<>();
    try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(bytes));
        TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String name = e.getName();
        if (name.startsWith("./")) {
          name = name.substring(1);
        } else if (!name.startsWith("/")) {
          name = "/" + name;
        }
        if (name.length() > 1 && name.endsWith("/")) {
          name = name.substring(0, name.length() - 1);
        }
        members.put(
            name,
            new Member(name, e.getMode(), e.getUserName(), e.getGroupName(), e.isDirectory(),
                e.isDirectory() ? new byte[0] : tar.readAllBytes()));
      }
    }
    return members;
  }
}
