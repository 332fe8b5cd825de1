package io.vmconsole.agent.migration;

/**
 * Whether the source guest is paused before its memory is copied instead of running during the copy
 * (pre-copy). Under TCG it is: QEMU 7.2 loses guest writes from its dirty-page tracking there.
 * After each pass QEMU clears the pages' dirty bits without re-arming the write trap of TCG's TLB
 * entries that already point at those pages (the fix, "physmem: Fix migration dirty bitmap
 * coherency with TCG memory access", came with QEMU 9.0), so a page the guest writes again through
 * such an entry is not sent again; the target then runs with stale pages (a kernel stack, a timer
 * list) and panics. KVM tracks dirty pages in the kernel and is not affected. The price under TCG:
 * the downtime is the whole copy.
 */
final class CopiesPaused {
  private CopiesPaused() {}

  /** Only KVM copies live: an accelerator not known here is treated like TCG. */
  static boolean needed(String accelerator) {
    return !"kvm".equals(accelerator);
  }
}
