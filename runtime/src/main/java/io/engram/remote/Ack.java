package io.engram.remote;

import java.util.Objects;

/**
 * The answer published on {@code cmd/ack}.
 *
 * @param id the request id, or null when the request carried none readable
 * @param command the command name ({@code bundle} for a bundle delivery)
 * @param result success or the error
 */
public record Ack(String id, String command, CommandResult result) {

  public Ack {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(result, "result");
  }
}
