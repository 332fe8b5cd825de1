package io.vmconsole.nodeagent.api;

import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.CompletionStage;

/**
 * One call of the contract. {@code since} is the API version that added it, reported in the
 * capabilities so a console can tell what an older agent lacks.
 */
public record Route(String method, String path, String since, Endpoint endpoint) {

  /** Handlers answer asynchronously: one async style (CompletionStage) across the agent. */
  @FunctionalInterface
  public interface Endpoint {
    CompletionStage<Reply> handle(HttpServerRequest request);
  }

  /** The route as listed in the capabilities. */
  public record Call(String method, String path, String since) {}

  public Call call() {
    return new Call(method, path, since);
  }
}
