package io.vmconsole.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark's figures next to its goals. {@link #report()} prints them and ends the process with
 * status 1 when any goal is missed, so a script running benchmarks sees the miss.
 */
final class Goals {

  private record Figure(String what, double value, String unit, String goal, boolean met) {}

  private final List<Figure> figures = new ArrayList<>();

  /** A figure that must stay below {@code limit}. */
  Goals below(String what, double value, double limit, String unit) {
    figures.add(new Figure(what, value, unit, "< " + format(limit) + " " + unit, value < limit));
    return this;
  }

  /** A figure that may reach {@code limit} but not pass it. */
  Goals atMost(String what, double value, double limit, String unit) {
    figures.add(new Figure(what, value, unit, "<= " + format(limit) + " " + unit, value <= limit));
    return this;
  }

  /** A figure that must reach at least {@code limit}. */
  Goals atLeast(String what, double value, double limit, String unit) {
    figures.add(new Figure(what, value, unit, ">= " + format(limit) + " " + unit, value >= limit));
    return this;
  }

  /** Prints every figure with its goal; exits with status 1 if one is missed. */
  void report() {
    System.out.println();
    System.out.printf("%-58s %12s   %-14s %s%n", "figure", "value", "goal", "");
    boolean allMet = true;
    for (Figure f : figures) {
      System.out.printf(
          "%-58s %12s   %-14s %s%n",
          f.what(), format(f.value()) + " " + f.unit(), f.goal(), f.met() ? "met" : "MISSED");
      allMet &= f.met();
    }
    System.out.flush();
    if (!allMet) {
      System.err.println("a goal was missed");
      System.exit(1);
    }
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9
        ? String.valueOf((long) v)
        : String.format("%.3f", v);
  }
}
