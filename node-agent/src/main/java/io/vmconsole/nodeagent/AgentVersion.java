package io.vmconsole.nodeagent;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent's own version, reported in the capabilities so the console can tell agents apart. */
public final class AgentVersion {
  private AgentVersion() {}

  public static String current() {
    // A Maven-filtered resource rather than the jar manifest: it is also right when run from
    // classes/.
    try (InputStream in =
        AgentVersion.class.getResourceAsStream("/node-agent-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
