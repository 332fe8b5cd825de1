package io.vmconsole.nodeagent.testing;

import java.util.regex.Pattern;

/**
 * What the guest's programs printed on its serial port, without the kernel's console messages. The
 * kernel writes those straight to the UART, so one can land in the middle of a line a program is
 * still draining through the tty (seen: {@code vmconsole-guest-[ 6.66] Not activating Mandatory
 * Access Control …\r\nready} when init is exec'd right after the ready line).
 */
public final class GuestOutput {
  private static final Pattern KERNEL_LINE =
      Pattern.compile("\\[\\s*\\d+\\.\\d+\\] [^\\r\\n]*\\r?\\n?");

  private GuestOutput() {}

  public static String withoutKernelLines(String serial) {
    return KERNEL_LINE.matcher(serial).replaceAll("");
  }

  /** The demo guest's own "ready" line, wherever the kernel interrupted it. */
  public static boolean showsReady(String serial) {
    return withoutKernelLines(serial).contains("vmconsole-guest-ready");
  }
}
