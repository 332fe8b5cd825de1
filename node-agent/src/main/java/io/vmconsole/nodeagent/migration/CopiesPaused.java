package io.vmconsole.nodeagent.migration;

/**
 * Whether the source guest is paused before its memory is copied instead of running during the copy
 * (pre-copy). It is under TCG on QEMU before 9.0, which loses guest writes from its dirty-page
 * tracking there: after each pass QEMU clears the pages' dirty bits without re-arming the write
 * trap of TCG's TLB entries that already point at those pages, so a page the guest writes again
 * through such an entry is not sent again; the target then runs with stale pages (a kernel stack, a
 * timer list) and panics. QEMU 9.0 fixed it ("physmem: Fix migration dirty bitmap coherency with
 * TCG memory access"); KVM tracks dirty pages in the kernel and was never affected. The price on an
 * old QEMU under TCG: the downtime is the whole copy.
 */
final class CopiesPaused {
  static final int FIXED_IN_MAJOR = 9;

  private CopiesPaused() {}

  /**
   * @param accelerator the guest's accelerator; one not known here is treated like TCG (which on a
   *     fixed QEMU copies live too)
   * @param qemuMajor the running QEMU's major version; 0 when unknown, treated as affected
   */
  static boolean needed(String accelerator, int qemuMajor) {
    return !"kvm".equals(accelerator) && qemuMajor < FIXED_IN_MAJOR;
  }
}
