package io.vmconsole.base;

import java.util.Locale;

/**
 * Byte counts, rates and short durations as a person reads them (binary units like kubectl's
 * quantities: 1.5 MiB, 12 MiB/s; 23 ms, 1.4 s, 2 min 5 s).
 */
public final class HumanUnits {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private HumanUnits() {}

  public static String bytes(long bytes) {
    if (bytes < 1024) {
      return Math.max(0, bytes) + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    // One decimal below 10 (1.5 MiB), none above (123 MiB): as precise as a glance needs.
    return (value < 10
            ? String.format(Locale.ROOT, "%.1f", value)
            : String.valueOf(Math.round(value)))
        + " "
        + UNITS[unit];
  }

  public static String rate(long bytesPerSecond) {
    return bytes(bytesPerSecond) + "/s";
  }

  public static String millis(long ms) {
    if (ms < 1000) {
      return Math.max(0, ms) + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
  }
}
