package io.vmconsole.nodeagent.storage;

/**
 * Progress of storage jobs (imports, uploads), for the agent's event stream. Called from worker and
 * event-loop threads; implementations must be quick and thread-safe. A job's last call is exactly
 * one {@link #finished}.
 */
public interface StorageEvents {
  StorageEvents NONE =
      new StorageEvents() {
        @Override
        public void progress(String jobId, long bytesDone, long bytesTotal) {}

        @Override
        public void finished(String jobId, boolean ok, String error) {}
      };

  /**
   * @param bytesTotal -1 while unknown (a download without Content-Length)
   */
  void progress(String jobId, long bytesDone, long bytesTotal);

  /**
   * @param error null when ok
   */
  void finished(String jobId, boolean ok, String error);
}
