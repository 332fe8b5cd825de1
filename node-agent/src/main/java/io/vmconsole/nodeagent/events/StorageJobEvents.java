package io.vmconsole.nodeagent.events;

import io.vmconsole.nodeagent.storage.StorageEvents;
import java.util.HashMap;
import java.util.Map;

/**
 * Carries storage job progress on the agent's event stream ({@code type: "storage"}), so the
 * console sees imports and uploads advance without polling the job. Unknown values are left out:
 * the log keeps immutable maps, which hold no nulls.
 */
public final class StorageJobEvents implements StorageEvents {
  private final EventLog log;

  public StorageJobEvents(EventLog log) {
    this.log = log;
  }

  @Override
  public void progress(String jobId, long bytesDone, long bytesTotal) {
    Map<String, Object> data = new HashMap<>();
    data.put("jobId", jobId);
    data.put("state", "Running");
    data.put("bytesDone", bytesDone);
    if (bytesTotal >= 0) {
      data.put("bytesTotal", bytesTotal);
    }
    log.append(null, "storage", data);
  }

  @Override
  public void finished(String jobId, boolean ok, String error) {
    Map<String, Object> data = new HashMap<>();
    data.put("jobId", jobId);
    data.put("state", ok ? "Succeeded" : "Failed");
    if (error != null) {
      data.put("error", error);
    }
    log.append(null, "storage", data);
  }
}
