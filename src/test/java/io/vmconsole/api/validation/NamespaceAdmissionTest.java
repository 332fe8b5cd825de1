package io.vmconsole.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.vmconsole.api.admission.FieldError;
import org.junit.jupiter.api.Test;

class NamespaceAdmissionTest {
  private final ResourceAdmission admission = new ResourceAdmission();

  static Namespace ns(String name) {
    return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  @Test
  void aNamespaceNameIsADns1123Label() {
    assertThat(admission.validate(ns("team-1"))).isEmpty();
    assertThat(admission.validate(ns("x".repeat(63)))).isEmpty();
    for (String bad : new String[] {"Not_A_Name", "a.b", "-a", "a-", "x".repeat(64), ""}) {
      assertThat(admission.validate(ns(bad)))
          .as(bad)
          .extracting(FieldError::field)
          .containsExactly("metadata.name");
    }
    assertThat(admission.validate(ns("Team")).get(0).rule())
        .isEqualTo(
            "must be a DNS-1123 label: at most 63 lower case letters, digits and '-', starting and ending"
                + " with a letter or digit (got \"Team\")");
  }
}
