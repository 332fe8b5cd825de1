package io.vmconsole.api.change;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The operation of one change, written in lower case as status.restartAwaitingChanges shows it. */
public enum ChangeOperation {
  ADD,
  REMOVE,
  REPLACE;

  /** "add", "remove" or "replace". */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The operation that turns current into desired; either may be null (absent), not both. */
  static ChangeOperation between(Object current, Object desired) {
    if (current == null) {
      return ADD;
    }
    return desired == null ? REMOVE : REPLACE;
  }
}
