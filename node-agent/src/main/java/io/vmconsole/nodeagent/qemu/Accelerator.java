package io.vmconsole.nodeagent.qemu;

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
}
