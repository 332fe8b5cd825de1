package io.vmconsole.nodeagent.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The QEMU binary the agent drives and its version.
 *
 * @param version null when the binary is missing or does not answer; the agent still starts so the
 *     console can see (through the capabilities) why this node cannot run VMs
 */
public record QemuInfo(String binary, String version) {
  private static final Pattern VERSION = Pattern.compile("QEMU emulator version (\\S+)");

  public boolean available() {
    return version != null;
  }

  public static QemuInfo detect(String binary) {
    try {
      Process p = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new QemuInfo(binary, null);
      }
      return new QemuInfo(binary, parseVersion(out));
    } catch (IOException e) {
      return new QemuInfo(binary, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new QemuInfo(binary, null);
    }
  }

  static String parseVersion(String versionOutput) {
    Matcher m = VERSION.matcher(versionOutput);
    return m.find() ? m.group(1) : null;
  }
}
