package io.vmconsole.testsupport;

import static org.awaitility.Awaitility.await;

import io.vmconsole.agent.AgentDirectory;
import io.vmconsole.agent.AgentEndpoint;
import io.vmconsole.agent.AgentVm;
import io.vmconsole.agent.HttpAgentClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Reaches a guest through its node's agent: the serial log, typing on the serial console, QEMU's
 * pid.
 */
public final class Guests {
  private final AgentDirectory agents;

  public Guests(AgentDirectory agents) {
    this.agents = agents;
  }

  public HttpAgentClient agent(String node) {
    return new HttpAgentClient(agents.endpoint(node).orElseThrow());
  }

  public String serialLog(String node, String uid) {
    return new String(agent(node).serialLog(uid), StandardCharsets.UTF_8);
  }

  public AgentVm vm(String node, String uid) {
    return agent(node).vm(uid).orElseThrow();
  }

  /** Waits until the serial log (since the last power-on) contains the text. */
  public void awaitSerial(String node, String uid, String text, Duration timeout) {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> serialLog(node, uid).contains(text));
  }

  /** An interactive serial session; everything the guest prints is collected. */
  public Serial serial(String node, String uid) {
    AgentEndpoint e = agents.endpoint(node).orElseThrow();
    Serial serial = new Serial();
    URI uri =
        URI.create(
            e.baseUrl().toString().replace("http", "ws")
                + "/v1/vms/"
                + uid
                + "/serial?mode=interactive&user=it&takeOver=true");
    serial.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + e.token())
            .buildAsync(uri, serial)
            .join();
    return serial;
  }

  /** Logs in on the serial console and runs one command; returns what it printed. */
  public String loginAndRun(String node, String uid, String user, String password, String command) {
    try (Serial s = serial(node, uid)) {
      s.type("\n");
      s.await("login:", Duration.ofMinutes(3));
      s.type(user + "\n");
      s.await("assword:", Duration.ofSeconds(60));
      s.type(password + "\n");
      s.awaitAfter("assword:", "$ ", "# ", Duration.ofSeconds(60));
      int mark = s.output().length();
      s.type(command + "; echo END-OF-COMMAND\n");
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> s.output().indexOf("\nEND-OF-COMMAND", mark) >= 0);
      String out = s.output().substring(mark);
      s.type("exit\n");
      return out;
    }
  }

  /**
   * The size in 512-byte sectors of the guest's disk {@code sdX} (as the guest user "cloud" reads
   * /sys/block) once it appeared: the guest itself waits up to 45 s for a hot-plugged device, so
   * one serial login does and a slow login is never raced by a poll.
   */
  public String diskSectors(String node, String uid, String disk) {
    return line(
        node,
        uid,
        "SIZE",
        "while [ ! -e /sys/block/"
            + disk
            + " ] && [ $i -lt 45 ]; do sleep 1; "
            + "i=$((i+1)); done; echo SIZE: $(cat /sys/block/"
            + disk
            + "/size)");
  }

  /**
   * The name of the guest's SCSI disk of that many sectors once it appeared (45 s at most): at boot
   * the guest's kernel probes its disks in parallel, so which one becomes sda is not fixed.
   */
  public String diskNameWithSectors(String node, String uid, long sectors) {
    return deviceNameWithSectors(node, uid, "sd", sectors);
  }

  /**
   * The name of the guest's SCSI device of that kind ("sd" disks, "sr" CD-ROMs) and that many
   * sectors once it appeared (45 s at most).
   */
  public String deviceNameWithSectors(String node, String uid, String kind, long sectors) {
    return line(
        node,
        uid,
        "NAME",
        "n=none; while [ $n = none ] && [ $i -lt 45 ]; do for d in /sys/block/"
            + kind
            + "*; do "
            + "[ \"$(cat $d/size)\" = "
            + sectors
            + " ] && n=${d##*/}; done; [ $n = none ] && sleep 1; i=$((i+1)); done; "
            + "echo NAME: $n");
  }

  /**
   * The sizes in sectors of the guest's SCSI disks once none has {@code sectors} any more (45 s at
   * most).
   */
  public java.util.List<String> diskSectorsAfterRemovalOf(String node, String uid, long sectors) {
    return java.util.List.of(
        line(
                node,
                uid,
                "SIZES",
                "while grep -qx "
                    + sectors
                    + " /sys/block/sd*/size "
                    + "&& [ $i -lt 45 ]; do sleep 1; i=$((i+1)); done; echo SIZES: $(cat /sys/block/sd*/size)")
            .split(" "));
  }

  /**
   * The guest's read-only SCSI disks (sdX with /sys/block/sdX/ro = 1) once there is one (45 s at
   * most).
   */
  public java.util.List<String> readOnlyDisks(String node, String uid) {
    return java.util.List.of(
        line(
                node,
                uid,
                "RO",
                "while ! grep -qx 1 /sys/block/sd*/ro && [ $i -lt 45 ]; do "
                    + "sleep 1; i=$((i+1)); done; echo RO: $(grep -lx 1 /sys/block/sd*/ro | cut -d/ -f4)")
            .split(" "));
  }

  /** The sizes in sectors of the guest's SCSI disks once none is read-only (45 s at most). */
  public java.util.List<String> diskSectorsAfterReadOnlyWent(String node, String uid) {
    return java.util.List.of(
        line(
                node,
                uid,
                "SIZES",
                "while grep -qx 1 /sys/block/sd*/ro && [ $i -lt 45 ]; do "
                    + "sleep 1; i=$((i+1)); done; echo SIZES: $(cat /sys/block/sd*/size)")
            .split(" "));
  }

  /** The value of the line "LABEL: …" the loop printed (the echoed command line does not count). */
  private String line(String node, String uid, String label, String loop) {
    String out = loginAndRun(node, uid, "cloud", "cloud", "i=0; " + loop);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^" + label + ": (.*?)\\r?$").matcher(out);
    if (!m.find()) {
      throw new AssertionError("no " + label + " line in: " + out);
    }
    return m.group(1);
  }

  /** One serial WebSocket. */
  public static final class Serial implements WebSocket.Listener, AutoCloseable {
    private final StringBuffer output = new StringBuffer();
    private WebSocket socket;

    public StringBuffer output() {
      return output;
    }

    public void type(String text) {
      socket.sendText(text.replace("\n", "\r"), true).join();
    }

    public void await(String text, Duration timeout) {
      org.awaitility.Awaitility.await().atMost(timeout).until(() -> output.indexOf(text) >= 0);
    }

    void awaitAfter(String anchor, String a, String b, Duration timeout) {
      org.awaitility.Awaitility.await()
          .atMost(timeout)
          .until(
              () -> {
                int at = output.lastIndexOf(anchor);
                return at >= 0 && (output.indexOf(a, at) >= 0 || output.indexOf(b, at) >= 0);
              });
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      output.append(new String(bytes, StandardCharsets.UTF_8));
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      ws.request(1);
      return null;
    }

    @Override
    public void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(t -> null);
    }
  }
}
