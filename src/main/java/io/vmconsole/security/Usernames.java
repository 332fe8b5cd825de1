package io.vmconsole.security;

import java.util.regex.Pattern;

/**
 * The rule for console user names: the one place it is written, for creating users and for logins.
 */
public final class Usernames {

  public static final String RULE =
      "must be 2-32 characters: a-z first, then a-z, 0-9, '.', '_' or '-'";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");

  private Usernames() {}

  public static boolean isValid(String name) {
    return name != null && name.length() <= 32 && NAME.matcher(name).matches();
  }
}
