package io.engram.remote;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.engram.task.MotionTask;
import io.engram.task.TaskFamily;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and checks a command payload: a JSON object with a request {@code id} and the command's
 * own keys, nothing else. Every refusal names the key and what was wrong with it.
 */
public final class CommandParser {

  /** Largest command payload (an adapt target of a few thousand steps fits easily). */
  public static final int MAX_PAYLOAD_BYTES = 1 << 20;
  /** Longest request id. */
  public static final int MAX_ID_LENGTH = 128;
  /** Most repetitions one run command may ask for. */
  public static final int MAX_TRIALS = 1000;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final TaskFamily tasks;

  /** @param tasks turns an adapt command's joint velocities into a target motion */
  public CommandParser(TaskFamily tasks) {
    this.tasks = tasks;
  }

  /** A payload that could not be turned into a command, with the request id if one was readable. */
  public static final class Rejected extends Exception {
    private final String id;
    private final ErrorCode code;

    Rejected(String id, ErrorCode code, String message) {
      super(message, null, false, false);
      this.id = id;
      this.code = code;
    }

    public String id() {
      return id;
    }

    public ErrorCode code() {
      return code;
    }
  }

  /** The command {@code payload} asks for, or why it is refused. */
  public Command parse(CommandName name, byte[] payload) throws Rejected {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new Rejected(null, ErrorCode.MALFORMED, "payload of " + payload.length
          + " bytes exceeds the command limit of " + MAX_PAYLOAD_BYTES);
    }
    JsonNode root;
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(payload)).toString();
      root = JSON.readTree(text);
    } catch (CharacterCodingException e) {
      throw new Rejected(null, ErrorCode.MALFORMED, "payload is not UTF-8 text");
    } catch (JsonProcessingException e) {
      throw new Rejected(null, ErrorCode.MALFORMED, "payload is not JSON: "
          + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr());
    }
    if (root == null || !root.isObject()) {
      throw new Rejected(null, ErrorCode.MALFORMED, "payload must be a JSON object, got "
          + (root == null ? "nothing" : root.getNodeType().name().toLowerCase()));
    }
    JsonNode idNode = root.get("id");
    String id = idNode != null && idNode.isTextual() ? idNode.textValue() : null;
    if (idNode == null) {
      throw new Rejected(null, ErrorCode.INVALID_ARGUMENT, "missing key 'id' (the request id)");
    }
    if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      throw new Rejected(null, ErrorCode.INVALID_ARGUMENT,
          "'id' must be a string of 1 to " + MAX_ID_LENGTH + " characters");
    }
    Set<String> allowed = switch (name) {
      case ADAPT -> Set.of("id", "target");
      case RUN -> Set.of("id", "trials");
      default -> Set.of("id");
    };
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new Rejected(id, ErrorCode.INVALID_ARGUMENT, "unknown key '" + key + "' in "
            + name.wireName() + " (allowed: " + String.join(", ", allowed.stream().sorted().toList())
            + ")");
      }
    }
    Optional<MotionTask> target = Optional.empty();
    int trials = 1;
    if (name == CommandName.ADAPT) {
      target = Optional.of(target(id, root.get("target")));
    } else if (name == CommandName.RUN && root.has("trials")) {
      JsonNode t = root.get("trials");
      if (!t.canConvertToExactIntegral() || !t.canConvertToInt() || t.intValue() < 1
          || t.intValue() > MAX_TRIALS) {
        throw new Rejected(id, ErrorCode.INVALID_ARGUMENT,
            "'trials' must be an integer from 1 to " + MAX_TRIALS + ", got " + t);
      }
      trials = t.intValue();
    }
    return new Command(name, id, target, trials);
  }

  /** Largest task index a sampled target may name. */
  public static final int MAX_TASK_INDEX = 1_000_000;

  private MotionTask target(String id, JsonNode target) throws Rejected {
    int steps = tasks.steps();
    int joints = tasks.arm().joints();
    String forms = "{\"omega\": " + steps + " rows of " + joints
        + " joint velocities} or {\"task\": {\"seed\": S, \"index\": I}}";
    if (target == null) {
      throw new Rejected(id, ErrorCode.INVALID_ARGUMENT, "missing key 'target' (" + forms + ")");
    }
    if (!target.isObject()) {
      throw new Rejected(id, ErrorCode.INVALID_ARGUMENT,
          "'target' must be an object, " + forms + ", got " + target.getNodeType().name().toLowerCase());
    }
    for (Iterator<String> it = target.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("omega") && !key.equals("task")) {
        throw new Rejected(id, ErrorCode.INVALID_ARGUMENT,
            "unknown key 'target." + key + "' (allowed: omega, task)");
      }
    }
    if (target.has("omega") == target.has("task")) {
      throw new Rejected(id, ErrorCode.INVALID_ARGUMENT, "'target' must have exactly one of"
          + " 'omega' (joint velocities) and 'task' (a task sampled from the task family), got "
          + (target.has("omega") ? "both" : "neither"));
    }
    if (target.has("task")) {
      return sampled(id, target.get("task"));
    }
    JsonNode omega = target.get("omega");
    if (omega == null || !omega.isArray()) {
      throw new Rejected(id, ErrorCode.INVALID_ARGUMENT,
          "'target.omega' must be an array of " + steps + " rows of " + joints + " numbers (rad/s)");
    }
    if (omega.size() != steps) {
      throw new Rejected(id, ErrorCode.INVALID_ARGUMENT,
          "'target.omega' has " + omega.size() + " rows, expected " + steps + " (one per network step)");
    }
    double limit = tasks.omegaLimitRadPerS();
    double[] values = new double[steps * joints];
    for (int t = 0; t < steps; t++) {
      JsonNode row = omega.get(t);
      if (!row.isArray() || row.size() != joints) {
        throw new Rejected(id, ErrorCode.INVALID_ARGUMENT, "'target.omega[" + t + "]' must be an array of "
            + joints + " numbers, got " + row);
      }
      for (int k = 0; k < joints; k++) {
        JsonNode v = row.get(k);
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
          throw new Rejected(id, ErrorCode.INVALID_ARGUMENT,
              "'target.omega[" + t + "][" + k + "]' must be a finite number, got " + v);
        }
        double w = v.doubleValue();
        if (Math.abs(w) > limit) {
          throw new Rejected(id, ErrorCode.INVALID_ARGUMENT, "'target.omega[" + t + "][" + k + "]' = "
              + w + " rad/s exceeds the task limit of " + limit + " rad/s");
        }
        values[t * joints + k] = w;
      }
    }
    return tasks.fromOmega(values);
  }

  private MotionTask sampled(String id, JsonNode task) throws Rejected {
    if (!task.isObject()) {
      throw new Rejected(id, ErrorCode.INVALID_ARGUMENT,
          "'target.task' must be an object {\"seed\": S, \"index\": I}, got " + task);
    }
    for (Iterator<String> it = task.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("seed") && !key.equals("index")) {
        throw new Rejected(id, ErrorCode.INVALID_ARGUMENT,
            "unknown key 'target.task." + key + "' (allowed: index, seed)");
      }
    }
    JsonNode seed = task.get("seed");
    if (seed == null || !seed.canConvertToExactIntegral() || !seed.canConvertToLong()) {
      throw new Rejected(id, ErrorCode.INVALID_ARGUMENT,
          "'target.task.seed' must be an integer (64-bit), got " + seed);
    }
    JsonNode index = task.get("index");
    int i = 0;
    if (index != null) {
      if (!index.canConvertToExactIntegral() || !index.canConvertToInt() || index.intValue() < 0
          || index.intValue() > MAX_TASK_INDEX) {
        throw new Rejected(id, ErrorCode.INVALID_ARGUMENT,
            "'target.task.index' must be an integer from 0 to " + MAX_TASK_INDEX + ", got " + index);
      }
      i = index.intValue();
    }
    return tasks.sampleAt(seed.longValue(), i);
  }
}
