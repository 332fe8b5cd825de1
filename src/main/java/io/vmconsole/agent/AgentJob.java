package io.vmconsole.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An agent's background job (an image import): its state (Running, Succeeded, Failed) and progress.
 */
public record AgentJob(String id, String state, String error, long bytesDone, long bytesTotal) {
  public static AgentJob of(JsonNode job) {
    return new AgentJob(
        job.path("id").asText(),
        job.path("state").asText(),
        job.path("error").asText(),
        job.path("bytesDone").asLong(0),
        job.path("bytesTotal").asLong(0));
  }

  /** "NN%" of the bytes done; null while the total is unknown. */
  public String percent() {
    return bytesTotal > 0 ? bytesDone * 100 / bytesTotal + "%" : null;
  }
}
