package io.vmconsole.nodeagent.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobsTest {
  /** Records what a listener sees, as the agent's event stream would. */
  static final class Recorder implements StorageEvents {
    final List<long[]> progress = new ArrayList<>();
    final List<String> finished = new ArrayList<>();

    @Override
    public synchronized void progress(String jobId, long done, long total) {
      progress.add(new long[] {done, total});
    }

    @Override
    public synchronized void finished(String jobId, boolean ok, String error) {
      finished.add(ok ? "ok" : "failed: " + error);
    }
  }

  @Test
  void progressIsPublishedInStepsAndEndsAtTheTotal() {
    Recorder r = new Recorder();
    Jobs jobs = new Jobs(r);
    long total = 10L << 20;
    Job job = jobs.start("import", StorageKind.IMAGE, "img", "shared", total);
    for (int i = 0; i < 160; i++) {
      jobs.progress(job, 64 << 10);
    }
    jobs.succeeded(job, null);

    assertTrue(
        r.progress.size() >= 5 && r.progress.size() <= 12, "throttled: " + r.progress.size());
    long previous = -1;
    for (long[] p : r.progress) {
      assertTrue(p[0] > previous, "strictly increasing");
      assertEquals(total, p[1]);
      previous = p[0];
    }
    assertEquals(total, previous, "the last progress event is the total");
    assertEquals(List.of("ok"), r.finished);
    assertEquals(Job.State.Succeeded, jobs.get(job.id()).orElseThrow().state());
  }

  @Test
  void aFailedJobCarriesItsError() {
    Recorder r = new Recorder();
    Jobs jobs = new Jobs(r);
    Job job = jobs.start("upload", StorageKind.DISK, "d", "local", -1);
    jobs.progress(job, 100);
    jobs.failed(job, "checksum mismatch");
    Job.View v = job.view();
    assertEquals(Job.State.Failed, v.state());
    assertEquals("checksum mismatch", v.error());
    assertEquals(null, v.bytesTotal(), "unknown total is null in JSON");
    assertEquals(List.of("failed: checksum mismatch"), r.finished);
  }
}
