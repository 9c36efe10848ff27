package io.engram.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A user name and password read from a file: the name on line 1, the password on line 2. */
public record MqttCredentials(String userName, char[] password) {

  /**
   * Reads {@code file}.
   *
   * @throws IOException if it cannot be read or does not hold a non-empty name and a password
   */
  public static MqttCredentials read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.size() < 2 || lines.get(0).strip().isEmpty()) {
      throw new IOException(file + ": expected the user name on line 1 and the password on line 2");
    }
    return new MqttCredentials(lines.get(0).strip(), lines.get(1).toCharArray());
  }

  @Override
  public String toString() {
    return "MqttCredentials[" + userName + ", password hidden]";
  }
}
