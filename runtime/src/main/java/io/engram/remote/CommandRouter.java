package io.engram.remote;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes remote commands to the handlers the session registers, and answers every request: a
 * payload that does not parse, an unknown or unregistered command, a handler's refusal or failure
 * all become an {@link Ack} with a precise error. A request id seen recently is answered again
 * with its first answer, without running the command twice (MQTT may redeliver). Handlers answer
 * at once ({@link CommandHandler}) or when their work is done ({@link DeferredCommandHandler}).
 */
public final class CommandRouter {

  private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);
  private static final int REMEMBERED_IDS = 64;

  private final CommandParser parser;
  private final Map<CommandName, DeferredCommandHandler> handlers = new EnumMap<>(CommandName.class);
  private final Map<String, CompletableFuture<Ack>> recent = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Ack>> eldest) {
      return size() > REMEMBERED_IDS;
    }
  };

  public CommandRouter(CommandParser parser) {
    this.parser = parser;
  }

  /** Registers (or, with null, removes) the handler of {@code name}. */
  public void register(CommandName name, CommandHandler handler) {
    registerDeferred(name, handler == null ? null
        : c -> CompletableFuture.completedFuture(handler.handle(c)));
  }

  /** Registers (or, with null, removes) the handler of {@code name} that answers later. */
  public synchronized void registerDeferred(CommandName name, DeferredCommandHandler handler) {
    if (handler == null) {
      handlers.remove(name);
    } else {
      handlers.put(name, handler);
    }
  }

  /**
   * Parses and carries out the command on topic suffix {@code name}, and returns the answer,
   * waiting for a deferred handler to finish. Never throws.
   */
  public Ack dispatch(String name, byte[] payload) {
    return submit(name, payload).join();
  }

  /**
   * Parses the command on topic suffix {@code name} and starts it; the answer completes when the
   * handler is done (at once for a refusal or a handler that answers at once). Never throws; the
   * future never completes exceptionally.
   */
  public CompletableFuture<Ack> submit(String name, byte[] payload) {
    Optional<CommandName> known = CommandName.fromWire(name);
    if (known.isEmpty()) {
      return CompletableFuture.completedFuture(new Ack(null, name, CommandResult.failure(
          ErrorCode.UNKNOWN_COMMAND, "no command '" + name + "' (known: estop, reset, adapt, run, stop)")));
    }
    CommandName command = known.get();
    Command parsed;
    try {
      parsed = parser.parse(command, payload);
    } catch (CommandParser.Rejected e) {
      LOG.warn("refused {} command: {}", name, e.getMessage());
      return CompletableFuture.completedFuture(
          new Ack(e.id(), name, CommandResult.failure(e.code(), e.getMessage())));
    }
    String key = command.wireName() + "/" + parsed.id();
    DeferredCommandHandler handler;
    CompletableFuture<Ack> answer = new CompletableFuture<>();
    synchronized (this) {
      CompletableFuture<Ack> seen = recent.get(key);
      if (seen != null) {
        LOG.info("{} {} answered again (repeated request id)", name, parsed.id());
        return seen;
      }
      handler = handlers.get(command);
      recent.put(key, answer);
    }
    if (handler == null) {
      answer.complete(new Ack(parsed.id(), name, CommandResult.failure(ErrorCode.UNSUPPORTED,
          "this runtime does not accept '" + name + "' now (no session handles it)")));
      return answer;
    }
    try {
      var started = handler.start(parsed);
      if (started == null) {
        answer.complete(new Ack(parsed.id(), name,
            CommandResult.failure(ErrorCode.FAILED, "the handler gave no answer")));
      } else {
        started.whenComplete((result, error) -> answer.complete(new Ack(parsed.id(), name,
            finished(name, parsed.id(), result, error))));
      }
    } catch (Exception | LinkageError e) {
      answer.complete(new Ack(parsed.id(), name, finished(name, parsed.id(), null, e)));
    }
    return answer;
  }

  private static CommandResult finished(String name, String id, CommandResult result,
      Throwable error) {
    if (error instanceof CompletionException && error.getCause() != null) {
      error = error.getCause();
    }
    if (error != null) {
      LOG.error("{} {} failed", name, id, error);
      return CommandResult.failure(ErrorCode.FAILED, String.valueOf(error.getMessage()));
    }
    return result != null ? result
        : CommandResult.failure(ErrorCode.FAILED, "the handler gave no answer");
  }
}
