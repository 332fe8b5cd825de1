package io.vmconsole.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The lines a process prints, collected as they come by a daemon thread, for tests to await. */
public final class ProcessLines {

  private ProcessLines() {}

  /**
   * Starts collecting the process's standard output; the list grows until the process closes it.
   */
  public static List<String> collect(Process process, String threadName) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add(threadName + ": " + e);
              }
            },
            threadName);
    reader.setDaemon(true);
    reader.start();
    return lines;
  }
}
