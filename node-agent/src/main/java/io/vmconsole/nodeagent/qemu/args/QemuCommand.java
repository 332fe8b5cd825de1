package io.vmconsole.nodeagent.qemu.args;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole QEMU command line: the facets in a fixed order, then the process options. QEMU starts
 * paused ({@code -S}) so the agent holds the serial line before the first byte is printed, and
 * daemonizes so it runs in its own session, outside the agent's process group.
 */
public final class QemuCommand {
  private static final List<Configurator> FACETS =
      List.of(
          new MachineConfigurator(),
          new MemoryConfigurator(),
          new DiskConfigurator(),
          new SeedConfigurator(),
          new NicConfigurator(),
          new ConsoleConfigurator());

  private QemuCommand() {}

  /** The device arguments alone: also what a bare QEMU needs (benchmarks, migration targets). */
  public static List<String> deviceArgs(LaunchPlan plan) {
    List<String> args = new ArrayList<>();
    FACETS.forEach(f -> args.addAll(f.args(plan)));
    return args;
  }

  public static List<String> build(String qemuBinary, LaunchPlan plan) {
    return build(qemuBinary, plan, List.of());
  }

  /** With extra process options, e.g. {@code -incoming defer} for a migration target. */
  public static List<String> build(String qemuBinary, LaunchPlan plan, List<String> extra) {
    List<String> cmd = new ArrayList<>();
    cmd.add(qemuBinary);
    cmd.addAll(deviceArgs(plan));
    cmd.addAll(extra);
    cmd.addAll(List.of("-S", "-daemonize", "-pidfile", plan.files().pidFile().toString()));
    return cmd;
  }
}
