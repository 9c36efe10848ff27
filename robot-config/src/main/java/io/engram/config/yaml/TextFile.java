package io.engram.config.yaml;

import io.engram.config.ConfigException;
import io.engram.config.ConfigProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a YAML file as UTF-8 text, every failure a {@link ConfigException} about the file. */
final class TextFile {

  private TextFile() {}

  /**
   * The text of {@code file}.
   *
   * @param kind what the file should be, for the message on a binary file ("a configuration")
   */
  static String read(Path file, String kind) throws ConfigException {
    String source = file.toString();
    try {
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new ConfigException(source, List.of(ConfigProblem.at("", "no such file")));
    } catch (CharacterCodingException e) {
      throw new ConfigException(source, List.of(ConfigProblem.at("",
          "not a text file (not UTF-8); " + kind + " is a YAML text file")));
    } catch (IOException e) {
      String why = Files.isDirectory(file) ? "is a directory, not a file" : "cannot be read: " + e;
      throw new ConfigException(source, List.of(ConfigProblem.at("", why)));
    }
  }
}
