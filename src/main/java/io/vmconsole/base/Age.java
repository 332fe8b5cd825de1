package io.vmconsole.base;

import java.time.Duration;
import java.time.Instant;

/** Ages printed the way kubectl prints them (5m16s, 79m, 12h, 3d), so the UI and the CLI agree. */
public final class Age {
  private Age() {}

  public static String since(Instant created, Instant now) {
    if (created == null) {
      return "<unknown>";
    }
    long s = Math.max(0, Duration.between(created, now).getSeconds());
    if (s < 120) {
      return s + "s";
    }
    long m = s / 60;
    if (m < 10) {
      return m + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    }
    if (m < 180) {
      return m + "m";
    }
    long h = m / 60;
    if (h < 8) {
      return h + "h" + (m % 60 == 0 ? "" : (m % 60) + "m");
    }
    if (h < 48) {
      return h + "h";
    }
    long d = h / 24;
    if (d < 8) {
      return d + "d" + (h % 24 == 0 ? "" : (h % 24) + "h");
    }
    if (d < 365 * 2) {
      return d + "d";
    }
    long y = d / 365;
    return y < 8 ? y + "y" + (d % 365 == 0 ? "" : (d % 365) + "d") : y + "y";
  }
}
