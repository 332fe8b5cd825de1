package io.vmconsole.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VmQueryTest {
  private final VmSummary web =
      vm("prod", "web-1", "Running", Map.of("tier", "web", "env", "prod"));
  private final VmSummary db = vm("dev", "db-1", "Stopped", Map.of("tier", "db"));

  @Test
  void filtersByNamespaceAndPhase() {
    assertThat(new VmQuery("prod", null, null).matches(web)).isTrue();
    assertThat(new VmQuery("prod", null, null).matches(db)).isFalse();
    assertThat(new VmQuery(null, "Stopped", null).matches(db)).isTrue();
    assertThat(new VmQuery(null, "Stopped", null).matches(web)).isFalse();
  }

  @Test
  void textMatchesNamePartsLabelPairsAndLabelKeys() {
    assertThat(new VmQuery(null, null, "WEB").matches(web)).isTrue();
    assertThat(new VmQuery(null, null, "tier=db").matches(db)).isTrue();
    assertThat(new VmQuery(null, null, "tier=db").matches(web)).isFalse();
    assertThat(new VmQuery(null, null, "env").matches(web)).isTrue();
    assertThat(new VmQuery(null, null, "tier=web web-").matches(web)).isTrue();
    assertThat(new VmQuery(null, null, "tier=web db").matches(web)).isFalse();
  }

  static VmSummary vm(String ns, String name, String phase, Map<String, String> labels) {
    return new VmSummary(
        "uid-" + name,
        ns,
        name,
        phase,
        "",
        "",
        null,
        labels,
        "1",
        "100%",
        "1Gi",
        "",
        "",
        "",
        List.of());
  }
}
