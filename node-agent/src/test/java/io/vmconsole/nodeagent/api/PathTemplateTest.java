package io.vmconsole.nodeagent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
  @Test
  void matchesOneSegmentPerParameter() {
    PathTemplate t = new PathTemplate("/v1/vms/{vmId}/disks/{diskId}");
    assertEquals(Map.of("vmId", "a", "diskId", "b"), t.match("/v1/vms/a/disks/b").orElseThrow());
    assertTrue(t.match("/v1/vms/a/disks").isEmpty());
    assertTrue(t.match("/v1/vms//disks/b").isEmpty());
    assertTrue(new PathTemplate("/v1/vms/{vmId}").match("/v1/vms/a/start").isEmpty());
  }
}
