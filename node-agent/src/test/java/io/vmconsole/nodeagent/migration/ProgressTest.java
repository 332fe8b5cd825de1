package io.vmconsole.nodeagent.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void queryMigrateFiguresBecomeBytesPerSecond() throws Exception {
    Progress p =
        Progress.of(
            JSON.readTree(
                """
                {"status":"active","ram":{"transferred":1000,"remaining":24,"total":2048,
                 "dirty-sync-count":3,"dirty-pages-rate":10,"page-size":4096,"mbps":8.0}}
                """),
            Progress.NONE);
    assertEquals(new Progress(1000, 24, 2048, 3, 40960, 1_000_000), p);
  }

  @Test
  void aSampleWithoutRamKeepsThePreviousFigures() throws Exception {
    Progress before = new Progress(1, 2, 3, 4, 5, 6);
    assertEquals(before, Progress.of(JSON.readTree("{\"status\":\"setup\"}"), before));
  }

  @Test
  void controlFramesRoundTrip() {
    assertEquals("commit", ControlFrames.parse(ControlFrames.of(ControlFrames.COMMIT)).type());
    ControlFrames.Frame f = ControlFrames.parse(ControlFrames.failed("disk gone"));
    assertEquals("failed", f.type());
    assertEquals("disk gone", f.reason());
    assertEquals(
        "abc", new String(ControlFrames.parse(ControlFrames.serialLog("abc".getBytes())).data()));
  }
}
