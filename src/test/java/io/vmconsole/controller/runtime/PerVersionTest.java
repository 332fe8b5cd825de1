package io.vmconsole.controller.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.vm.VmObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PerVersionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode vm(String name, String cores) {
    ObjectNode vm = JSON.createObjectNode();
    vm.putObject("metadata").put("namespace", "ns").put("name", name);
    vm.putObject("spec").putObject("cpu").put("cores", cores);
    return vm;
  }

  @Test
  void anUnchangedObjectIsReadOnceAndANewVersionAgain() {
    AtomicInteger reads = new AtomicInteger();
    PerVersion<VmObject, String> names =
        new PerVersion<>(
            v -> {
              reads.incrementAndGet();
              return v.name() + ":" + v.spec().path("cpu").path("cores").asText();
            });
    ObjectNode a = vm("a", "1");
    ObjectNode b = vm("b", "2");
    assertThat(names.of(List.of(VmObject.of(a), VmObject.of(b)))).containsExactly("a:1", "b:2");
    assertThat(names.of(List.of(VmObject.of(a), VmObject.of(b)))).containsExactly("a:1", "b:2");
    assertThat(reads).hasValue(2);

    // The cache hands out a new instance for a new version: equal content or not, it is read.
    ObjectNode b2 = vm("b", "4");
    assertThat(names.of(List.of(VmObject.of(a), VmObject.of(b2)))).containsExactly("a:1", "b:4");
    assertThat(reads).hasValue(3);
  }

  @Test
  void whatWasDerivedForAGoneObjectIsForgotten() {
    AtomicInteger reads = new AtomicInteger();
    PerVersion<VmObject, String> names =
        new PerVersion<>(
            v -> {
              reads.incrementAndGet();
              return v.name();
            });
    ObjectNode a = vm("a", "1");
    names.of(List.of(VmObject.of(a)));
    names.of(List.of());
    names.of(List.of(VmObject.of(a)));
    assertThat(reads).hasValue(2);
  }
}
