package io.vmconsole.nodeagent;

/** A start-up setting is missing or unsafe; the message is meant for the operator. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
