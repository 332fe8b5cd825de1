package io.vmconsole.api.common;

import java.util.Arrays;
import java.util.Optional;

/**
 * Reads an enum value the API spells by its name, without the exception valueOf throws for an
 * unknown one.
 */
public final class EnumNames {
  private EnumNames() {}

  /** The constant named {@code text} exactly; empty for null, empty or unknown text. */
  public static <E extends Enum<E>> Optional<E> find(Class<E> type, String text) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(text)).findFirst();
  }
}
