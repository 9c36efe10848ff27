package io.engram.remote;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes remote commands to the handlers the session registers, and answers every request: a
 * payload that does not parse, an unknown or unregistered command, a handler's refusal or failure
 * all become an {@link Ack} with a precise error. A request id seen recently is answered again
 * with its first answer, without running the command twice (MQTT may redeliver).
 */
public final class CommandRouter {

  private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);
  private static final int REMEMBERED_IDS = 64;

  private final CommandParser parser;
  private final Map<CommandName, CommandHandler> handlers = new EnumMap<>(CommandName.class);
  private final Map<String, Ack> recent = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Ack> eldest) {
      return size() > REMEMBERED_IDS;
    }
  };

  public CommandRouter(CommandParser parser) {
    this.parser = parser;
  }

  /** Registers (or, with null, removes) the handler of {@code name}. */
  public synchronized void register(CommandName name, CommandHandler handler) {
    if (handler == null) {
      handlers.remove(name);
    } else {
      handlers.put(name, handler);
    }
  }

  /**
   * Parses and carries out the command on topic suffix {@code name}, and returns the answer.
   * Never throws.
   */
  public Ack dispatch(String name, byte[] payload) {
    Optional<CommandName> known = CommandName.fromWire(name);
    if (known.isEmpty()) {
      return new Ack(null, name, CommandResult.failure(ErrorCode.UNKNOWN_COMMAND,
          "no command '" + name + "' (known: estop, reset, adapt, run, stop)"));
    }
    CommandName command = known.get();
    Command parsed;
    try {
      parsed = parser.parse(command, payload);
    } catch (CommandParser.Rejected e) {
      LOG.warn("refused {} command: {}", name, e.getMessage());
      return new Ack(e.id(), name, CommandResult.failure(e.code(), e.getMessage()));
    }
    String key = command.wireName() + "/" + parsed.id();
    CommandHandler handler;
    synchronized (this) {
      Ack seen = recent.get(key);
      if (seen != null) {
        LOG.info("{} {} answered again (repeated request id)", name, parsed.id());
        return seen;
      }
      handler = handlers.get(command);
    }
    CommandResult result;
    if (handler == null) {
      result = CommandResult.failure(ErrorCode.UNSUPPORTED,
          "this runtime does not accept '" + name + "' now (no session handles it)");
    } else {
      try {
        result = handler.handle(parsed);
        if (result == null) {
          result = CommandResult.failure(ErrorCode.FAILED, "the handler gave no answer");
        }
      } catch (Exception | LinkageError e) {
        LOG.error("{} {} failed", name, parsed.id(), e);
        result = CommandResult.failure(ErrorCode.FAILED, String.valueOf(e.getMessage()));
      }
    }
    Ack ack = new Ack(parsed.id(), name, result);
    synchronized (this) {
      recent.put(key, ack);
    }
    return ack;
  }
}
