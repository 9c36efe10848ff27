package io.engram.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How enum constants are spelled in configuration files: lower case, words joined by '-'. */
public final class ConfigNames {

  private ConfigNames() {}

  /** {@code PCM_DRIFT} is written {@code pcm-drift}. */
  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant of {@code type} spelled {@code text}, if any. */
  public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
    for (E constant : type.getEnumConstants()) {
      if (of(constant).equals(text)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }

  /** All spellings of {@code type}, separated by '|'. */
  public static String choices(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants()).map(ConfigNames::of).collect(Collectors.joining("|"));
  }
}
