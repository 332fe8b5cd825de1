package io.vmconsole.base;

/**
 * User input made fit for a log line: control characters (CR and LF above all, which would start a
 * forged line) are escaped as backslash sequences (n, r, t, or u and four hex digits), and long
 * input is cut.
 */
public final class LogSafe {

  /** Longer input is cut to this many characters, and the cut is said. */
  public static final int MAX_LENGTH = 64;

  private LogSafe() {}

  /** Longer failure texts are cut to this many characters. */
  public static final int MAX_FAILURE_LENGTH = 1000;

  public static String text(String input) {
    return escaped(input, MAX_LENGTH);
  }

  /**
   * An exception's class and message for one log line: messages quote what a client sent or an
   * agent answered, so they are user input too.
   */
  public static String failure(Throwable failure) {
    return escaped(failure == null ? null : failure.toString(), MAX_FAILURE_LENGTH);
  }

  private static String escaped(String input, int maxLength) {
    if (input == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(input.length(), maxLength) + 16);
    int shown = Math.min(input.length(), maxLength);
    for (int i = 0; i < shown; i++) {
      char c = input.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (Character.isISOControl(c)
              || Character.getType(c) == Character.LINE_SEPARATOR
              || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
              || Character.getType(c) == Character.FORMAT) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (input.length() > shown) {
      out.append("…(").append(input.length()).append(" characters)");
    }
    return out.toString();
  }
}
