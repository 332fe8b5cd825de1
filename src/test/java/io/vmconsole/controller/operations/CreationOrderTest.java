package io.vmconsole.controller.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.vmop.VmopObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreationOrderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static VmopObject op(String name, String created, String resourceVersion) {
    ObjectNode o = JSON.createObjectNode();
    o.putObject("metadata")
        .put("name", name)
        .put("uid", "uid-" + name)
        .put("creationTimestamp", created)
        .put("resourceVersion", resourceVersion);
    return VmopObject.of(o);
  }

  private static List<String> names(List<VmopObject> ops) {
    return ops.stream().map(VmopObject::name).toList();
  }

  @Test
  void objectsOfTheSameSecondGoInTheOrderTheStoreWroteThemAndKeepItAfterUpdates() {
    CreationOrder order = new CreationOrder();
    VmopObject stop = op("stop", "2026-11-26T18:10:23Z", "9");
    VmopObject restart = op("restart", "2026-11-26T18:10:23Z", "10");
    // Listed in the cache's own order, restart first; "10" < "9" as text.
    List<VmopObject> ops = new ArrayList<>(List.of(restart, stop));
    order.sort(ops);
    assertThat(names(ops)).containsExactly("stop", "restart");

    // The stop's status changes: its resourceVersion moves past the restart's, its place does not.
    ObjectNode updated = stop.json().deepCopy();
    updated.with("metadata").put("resourceVersion", "11");
    ops = new ArrayList<>(List.of(restart, VmopObject.of(updated)));
    order.sort(ops);
    assertThat(names(ops)).containsExactly("stop", "restart");
  }

  @Test
  void anEarlierSecondComesFirstWhateverItsResourceVersion() {
    CreationOrder order = new CreationOrder();
    List<VmopObject> ops =
        new ArrayList<>(
            List.of(
                op("later", "2026-11-26T18:10:24Z", "5"),
                op("earlier", "2026-11-26T18:10:23Z", "50")));
    order.sort(ops);
    assertThat(names(ops)).containsExactly("earlier", "later");
  }
}
