package io.vmconsole.cluster.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pure logic of the embedded server: patches, selectors, JSONPath, ages, paths. */
class EmbeddedLogicTest {

  private static ObjectNode json(String s) {
    return Patches.parseObject(s.replace('\'', '"'));
  }

  @Test
  void mergePatchFollowsRfc7386() throws Exception {
    ObjectNode target = json("{'a':{'b':1,'c':2},'list':[1,2]}");
    ObjectNode r = Patches.apply(Patches.Type.MERGE, target, "{\"a\":{\"b\":null},\"list\":[3]}");
    assertThat(r).isEqualTo(json("{'a':{'c':2},'list':[3]}"));
    assertThat(target).isEqualTo(json("{'a':{'b':1,'c':2},'list':[1,2]}"));
  }

  @Test
  void strategicMergeDropsDirectivesAndApplyMerges() throws Exception {
    ObjectNode r =
        Patches.apply(
            Patches.Type.STRATEGIC_MERGE,
            json("{'spec':{}}"),
            "{\"$retainKeys\":[\"spec\"],\"spec\":{\"unschedulable\":true}}");
    assertThat(r).isEqualTo(json("{'spec':{'unschedulable':true}}"));
    ObjectNode applied =
        Patches.apply(Patches.Type.APPLY, json("{'spec':{'a':1}}"), "spec:\n  b: 2\n");
    assertThat(applied).isEqualTo(json("{'spec':{'a':1,'b':2}}"));
  }

  @Test
  void aFailingJsonPatchOpIsAFailure() {
    assertThatThrownBy(
            () ->
                Patches.apply(
                    Patches.Type.JSON_PATCH,
                    json("{'a':1}"),
                    "[{\"op\":\"test\",\"path\":\"/a\",\"value\":2}]"))
        .isInstanceOf(Patches.PatchFailure.class);
    assertThatThrownBy(
            () ->
                Patches.apply(
                    Patches.Type.JSON_PATCH,
                    json("{'a':1}"),
                    "[{\"op\":\"remove\",\"path\":\"/b\"}]"))
        .isInstanceOf(Patches.PatchFailure.class);
  }

  @Test
  void labelSelectorsIncludingSets() {
    JsonNode o = json("{'metadata':{'labels':{'env':'prod','tier':'web'}}}");
    assertThat(Selectors.labels("env in (prod, dev),tier").test(o)).isTrue();
    assertThat(Selectors.labels("env notin (prod)").test(o)).isFalse();
    assertThat(Selectors.labels("missing notin (x)").test(o)).isTrue();
    assertThat(Selectors.labels("env!=prod").test(o)).isFalse();
    assertThat(Selectors.labels("!missing,env=prod").test(o)).isTrue();
  }

  @Test
  void fieldSelectors() {
    JsonNode pod =
        json(
            "{'metadata':{'name':'p','namespace':'n'},'spec':{'nodeName':'node-1'},'status':{'phase':'Running'}}");
    assertThat(Selectors.fields("spec.nodeName=node-1,status.phase=Running").test(pod)).isTrue();
    assertThat(Selectors.fields("metadata.namespace!=n").test(pod)).isFalse();
  }

  @Test
  void jsonPathWithFilters() {
    JsonNode vm =
        json(
            "{'status':{'conditions':[{'type':'Ready','status':'True'},{'type':'X','status':'False'}]}}");
    assertThat(
            JsonPathExpression.compile(".status.conditions[?(@.type=='Ready')].status")
                .first(vm)
                .asText())
        .isEqualTo("True");
    assertThat(JsonPathExpression.compile(".status.conditions[1].type").first(vm).asText())
        .isEqualTo("X");
    assertThat(JsonPathExpression.compile(".status.missing").first(vm)).isNull();
  }

  @Test
  void humanDurationsLikeKubectl() {
    assertThat(HumanDuration.of(Duration.ofSeconds(316))).isEqualTo("5m16s");
    assertThat(HumanDuration.of(Duration.ofMinutes(79))).isEqualTo("79m");
    assertThat(HumanDuration.of(Duration.ofHours(12))).isEqualTo("12h");
    assertThat(HumanDuration.of(Duration.ofDays(3))).isEqualTo("3d");
  }

  @Test
  void parsesResourcePaths() {
    ApiPath p =
        ApiPath.parse(
            "/apis/virtualization.deckhouse.io/v1alpha2/namespaces/ns/virtualmachines/vm/status?watch=true");
    assertThat(p.plural()).isEqualTo("virtualmachines");
    assertThat(p.namespace()).isEqualTo("ns");
    assertThat(p.name()).isEqualTo("vm");
    assertThat(p.subresource()).isEqualTo("status");
    assertThat(p.isWatch()).isTrue();
    assertThat(ApiPath.parse("/api/v1/namespaces/default").plural()).isEqualTo("namespaces");
    assertThat(ApiPath.parse("/api/v1/namespaces/default").name()).isEqualTo("default");
    assertThat(ApiPath.parse("/api/v1/nodes/node-1").name()).isEqualTo("node-1");
  }

  @Test
  void generateNameSuffixes() {
    assertThat(Writes.randomSuffix()).matches("[a-z0-9]{5}");
  }
}
