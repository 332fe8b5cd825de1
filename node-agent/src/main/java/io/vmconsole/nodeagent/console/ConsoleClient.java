package io.vmconsole.nodeagent.console;

/** One viewer of a console (a WebSocket in production, a recorder in tests). */
public interface ConsoleClient {
  String user();

  /** Console bytes (binary frames). */
  void send(byte[] data);

  /** A JSON control message (text frames): holder changes, notices. */
  void control(String json);

  void close();
}
