package io.vmconsole.api.change;

import static io.vmconsole.api.change.ChangeFixtures.edited;
import static io.vmconsole.api.change.ChangeFixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** status.restartAwaitingChanges: only restart changes, written exactly as the seed shows them. */
class RestartAwaitingChangesTest {

  /**
   * The seed's `kubectl get vm linux-vm -o jsonpath={.status.restartAwaitingChanges}` after cores
   * 1→2.
   */
  private static final String SEED_CORES_1_TO_2 =
      "[{\"currentValue\":1,\"desiredValue\":2,\"operation\":\"replace\",\"path\":\"cpu.cores\"}]";

  @Test
  void seedWorkedExampleAsTheClientWritesIt() {
    ObjectNode desired = edited(seedSpec(), s -> s.with("cpu").put("cores", 2));
    var list = SpecChanges.restartAwaitingChanges(seedSpec(), desired);
    assertThat(Serialization.asJson(list)).isEqualTo(SEED_CORES_1_TO_2);
    assertThat(new ObjectMapper().valueToTree(list).toString()).isEqualTo(SEED_CORES_1_TO_2);
  }

  @Test
  void absentValueIsLeftOut() throws Exception {
    ObjectNode current =
        edited(
            seedSpec(),
            s ->
                s.withArray("blockDeviceRefs")
                    .addObject()
                    .put("kind", "VirtualImage")
                    .put("name", "iso"));
    var list = SpecChanges.restartAwaitingChanges(current, seedSpec());
    assertThat(Serialization.asJson(list))
        .isEqualTo(
            "[{\"currentValue\":{\"kind\":\"VirtualImage\",\"name\":\"iso\"},"
                + "\"operation\":\"remove\",\"path\":\"blockDeviceRefs.1\"}]");
  }

  static Stream<Arguments> applyNowOnly() {
    return Stream.of(
        Arguments.of("runPolicy", (Consumer<ObjectNode>) s -> s.put("runPolicy", "AlwaysOn")),
        Arguments.of(
            "restartApprovalMode",
            (Consumer<ObjectNode>)
                s -> s.with("disruptions").put("restartApprovalMode", "Automatic")),
        Arguments.of("cloud-init removed", (Consumer<ObjectNode>) s -> s.remove("provisioning")),
        Arguments.of(
            "explicit defaults",
            (Consumer<ObjectNode>)
                s ->
                    s.put("osType", "Generic")
                        .put("terminationGracePeriodSeconds", 60)
                        .put("runPolicy", "AlwaysOnUnlessStoppedManually")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("applyNowOnly")
  void nothingAwaitsRestart(String name, Consumer<ObjectNode> edit) {
    assertThat(SpecChanges.restartAwaitingChanges(seedSpec(), edited(seedSpec(), edit))).isEmpty();
  }

  @Test
  void restartChangesKeptApplyNowDropped() {
    ObjectNode desired =
        edited(
            seedSpec(),
            s -> {
              s.put("runPolicy", "Manual");
              s.with("memory").put("size", "2Gi");
              s.with("provisioning").put("userData", "#cloud-config\n");
            });
    var list = SpecChanges.restartAwaitingChanges(seedSpec(), desired);
    assertThat(list)
        .extracting(c -> c.path())
        .containsExactly("memory.size", "provisioning.userData");
    assertThat(list.get(0).currentValue().asText()).isEqualTo("1Gi");
    assertThat(list.get(0).desiredValue().asText()).isEqualTo("2Gi");
  }
}
