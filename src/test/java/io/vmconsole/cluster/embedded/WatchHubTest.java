package io.vmconsole.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.cluster.embedded.store.Change;
import io.vmconsole.cluster.embedded.store.ObjectKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The hub's fan-out: what each watch is sent, and that a change is encoded once for all. */
class WatchHubTest {

  private static final String VMS = "/apis/virtualization.deckhouse.io/v1alpha2/namespaces/a/";

  @Test
  void aChangeIsEncodedOnceForEveryWatchThatSendsItInTheSameForm() {
    WatchHub hub = new WatchHub(0);
    AtomicInteger encodings = new AtomicInteger();
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int watch = i;
      hub.subscribe(
          ApiPath.parse(VMS + "virtualmachines?watch=true"),
          null,
          List.of(),
          0,
          (type, object, shared) ->
              sent.add(
                  watch
                      + ":"
                      + shared.get(
                          type,
                          form -> {
                            encodings.incrementAndGet();
                            return form + " " + object.path("metadata").path("name").asText();
                          })));
    }
    hub.changed(change(1, "vm-1", null, vm("vm-1", 1)));
    assertThat(encodings).hasValue(1);
    assertThat(sent).hasSize(5).allSatisfy(s -> assertThat(s).endsWith("ADDED vm-1"));
  }

  @Test
  void aWatchGetsNothingItsListingAlreadyHadAndReplaysFromAVersion() {
    WatchHub hub = new WatchHub(0);
    hub.changed(change(1, "vm-1", null, vm("vm-1", 1)));
    hub.changed(change(2, "vm-2", null, vm("vm-2", 2)));
    List<String> fromListing = new ArrayList<>();
    hub.subscribe(
        ApiPath.parse(VMS + "virtualmachines?watch=true"),
        null,
        List.of(vm("vm-1", 1), vm("vm-2", 2), vm("vm-3", 3)),
        3,
        (type, object, shared) -> fromListing.add(type + " " + name(object)));
    List<String> fromVersion = new ArrayList<>();
    hub.subscribe(
        ApiPath.parse(VMS + "virtualmachines?watch=true&resourceVersion=1"),
        "1",
        List.of(),
        3,
        (type, object, shared) -> fromVersion.add(type + " " + name(object)));
    // Made durable after the listing was taken under the store's lock: already in the listing.
    hub.changed(change(3, "vm-3", null, vm("vm-3", 3)));
    hub.changed(change(4, "vm-1", vm("vm-1", 1), vm("vm-1", 4)));
    assertThat(fromListing)
        .containsExactly("ADDED vm-1", "ADDED vm-2", "ADDED vm-3", "MODIFIED vm-1");
    assertThat(fromVersion).containsExactly("ADDED vm-2", "ADDED vm-3", "MODIFIED vm-1");
  }

  private static Change change(long rv, String name, ObjectNode old, ObjectNode now) {
    return new Change(
        rv,
        new ObjectKey("virtualization.deckhouse.io", "virtualmachines", "a", name),
        old,
        now,
        now);
  }

  private static ObjectNode vm(String name, long rv) {
    ObjectNode o = Patches.JSON.createObjectNode();
    o.putObject("metadata")
        .put("name", name)
        .put("namespace", "a")
        .put("resourceVersion", Long.toString(rv));
    return o;
  }

  private static String name(ObjectNode o) {
    return o.path("metadata").path("name").asText();
  }
}
