package io.vmconsole.agent.qemu;

/**
 * Which accelerator VMs on this node get, and why.
 *
 * @param kvm true only when a probe VM proved KVM works here
 * @param chosen "kvm" or "tcg"
 */
public record Accelerator(boolean kvm, String chosen, String reason) {
  public static Accelerator kvm(String reason) {
    return new Accelerator(true, "kvm", reason);
  }

  public static Accelerator tcg(String reason) {
    return new Accelerator(false, "tcg", reason);
  }

  /** QEMU arguments for this accelerator; TCG gets {@code -cpu max} for the widest feature set. */
  public java.util.List<String> qemuArgs() {
    return kvm
        ? java.util.List.of("-accel", "kvm", "-cpu", "host")
        : java.util.List.of("-accel", "tcg", "-cpu", "max");
  }
}
