package io.engram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the engram command line in the test's JVM, capturing what it prints. */
final class CommandRun {

  private CommandRun() {}

  /** Runs {@code args}, checks the exit code, and returns {stdout, stderr}. */
  static String[] run(int expectedExit, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = EngramCommand.execute(args);
      assertEquals(expectedExit, code, "exit code; stderr: " + e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
  }
}
