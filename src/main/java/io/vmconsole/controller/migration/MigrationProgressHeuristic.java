package io.vmconsole.controller.migration;

/**
 * The vmop's "NN%" from the agent's migration counters, by the reference heuristic (api.md §2): up
 * to 10% before the stream flows, the first full pass over memory (bulk copy) 10→45%, the iterative
 * passes 45→90%, 90% while the switch-over commits, 100% on success; never decreasing. Also the
 * NotConverging hint: passes keep starting without the memory left to send getting smaller. Pure:
 * the caller keeps the {@link Tracker} between samples.
 */
public final class MigrationProgressHeuristic {
  /** Passes without a smaller dirty set before the migration is said not to converge. */
  static final int STALLED_PASSES = 3;

  private MigrationProgressHeuristic() {}

  /** One reading of the agent's migration status (state and progress counters). */
  public record Sample(String state, long bytesRemaining, long bytesTotal, long iterations) {}

  /**
   * What the heuristic remembers: the percent shown, the last pass seen, the remaining bytes at the
   * start of the iterative phase and the smallest at a pass start, and passes since that smallest.
   */
  public record Tracker(
      int percent,
      long lastIteration,
      long iterativeStart,
      long smallestPassStart,
      long passesSinceSmallest) {
    public static Tracker from(int shownPercent) {
      return new Tracker(shownPercent, 0, 0, Long.MAX_VALUE, 0);
    }
  }

  /** The new tracker, and whether to say the migration does not converge. */
  public record Result(Tracker tracker, boolean notConverging) {
    public int percent() {
      return tracker.percent();
    }
  }

  public static Result next(Tracker t, Sample s) {
    long iterativeStart = t.iterativeStart();
    long smallest = t.smallestPassStart();
    long since = t.passesSinceSmallest();
    long last = t.lastIteration();
    int computed;
    switch (s.state()) {
      case "Succeeded" -> computed = 100;
      case "Completing" -> computed = 90;
      case "Running" -> {
        if (s.iterations() <= 1) {
          computed = 10 + (int) Math.round(35 * done(s.bytesRemaining(), s.bytesTotal()));
        } else {
          if (s.iterations() > last) {
            // A new pass starts: what is left now is the memory dirtied during the previous pass.
            if (iterativeStart == 0) {
              iterativeStart = Math.max(1, s.bytesRemaining());
            }
            if (s.bytesRemaining() < smallest) {
              smallest = s.bytesRemaining();
              since = 0;
            } else {
              since += s.iterations() - Math.max(last, 1);
            }
          }
          double shrunk = done(s.bytesRemaining(), iterativeStart);
          double passes = 1 - Math.pow(0.9, s.iterations() - 1);
          computed = 45 + (int) Math.round(44 * Math.max(shrunk, passes));
        }
        last = Math.max(last, s.iterations());
      }
      // Preparing and Waiting: the target is ready, nothing is sent yet; Failed/Cancelled keep the
      // value.
      case "Preparing", "Waiting" -> computed = 10;
      default -> computed = 0;
    }
    int percent = Math.min(100, Math.max(t.percent(), computed));
    boolean notConverging = s.state().equals("Running") && since >= STALLED_PASSES;
    return new Result(new Tracker(percent, last, iterativeStart, smallest, since), notConverging);
  }

  private static double done(long remaining, long total) {
    if (total <= 0) {
      return 0;
    }
    return Math.max(0, Math.min(1, 1 - (double) remaining / total));
  }
}
