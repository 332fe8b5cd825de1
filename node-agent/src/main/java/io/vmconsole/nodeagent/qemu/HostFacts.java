package io.vmconsole.nodeagent.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the host says about virtualisation before any probe VM runs.
 *
 * @param cpuFlags the first "flags" line of /proc/cpuinfo
 * @param kvmPvm the kvm_pvm module is loaded: a software nested-virtualisation KVM on which QEMU
 *     aborts or SeaBIOS dies (STACK.md), so /dev/kvm existing proves nothing
 */
public record HostFacts(boolean devKvmUsable, Set<String> cpuFlags, boolean kvmPvm, String kernel) {

  public static HostFacts read() {
    Path devKvm = Path.of("/dev/kvm");
    return new HostFacts(
        Files.exists(devKvm) && Files.isReadable(devKvm) && Files.isWritable(devKvm),
        cpuFlags(readOrEmpty(Path.of("/proc/cpuinfo"))),
        // /proc/modules is absent on some kernels (this one); /sys/module lists loaded modules too.
        Files.isDirectory(Path.of("/sys/module/kvm_pvm"))
            || readOrEmpty(Path.of("/proc/modules"))
                .lines()
                .anyMatch(l -> l.startsWith("kvm_pvm ")),
        readOrEmpty(Path.of("/proc/sys/kernel/osrelease")).strip());
  }

  static Set<String> cpuFlags(String cpuinfo) {
    return cpuinfo
        .lines()
        .filter(l -> l.startsWith("flags"))
        .findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .map(s -> Arrays.stream(s.split("\\s+")).collect(Collectors.toUnmodifiableSet()))
        .orElse(Set.of());
  }

  /** Why KVM cannot work here (every reason that applies), or empty when a probe VM is worth it. */
  public Optional<String> kvmImpossibleReason() {
    List<String> reasons = new ArrayList<>();
    if (!devKvmUsable) {
      reasons.add("/dev/kvm missing or not accessible");
    }
    if (!cpuFlags.contains("vmx") && !cpuFlags.contains("svm")) {
      reasons.add("CPU has no vmx/svm flag");
    }
    if (kvmPvm) {
      reasons.add("/dev/kvm is the kvm_pvm software module, which QEMU cannot use");
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }

  private static String readOrEmpty(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
