package io.vmconsole.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.admission.AdmissionRequest;
import io.vmconsole.api.admission.AdmissionRequest.Operation;
import io.vmconsole.api.admission.AdmissionResult;
import io.vmconsole.api.admission.FieldError;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Objects to mutate, and the table-case shape the admission tests share. */
final class Fixtures {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Fixtures() {}

  static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy with the field at a dotted path set to a JSON/YAML literal; "~" removes the field. */
  static ObjectNode with(ObjectNode object, String path, String literal) {
    ObjectNode copy = object.deepCopy();
    String[] parts = path.split("\\.");
    ObjectNode parent = copy;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = parent.get(parts[i]) instanceof ObjectNode o ? o : parent.putObject(parts[i]);
    }
    String last = parts[parts.length - 1];
    if (literal.equals("~")) {
      parent.remove(last);
    } else {
      try {
        parent.set(last, YAML.readTree(literal));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return copy;
  }

  static ObjectNode vm() {
    return yaml(
        """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata: {name: linux-vm, namespace: default}
        spec:
          virtualMachineClassName: host
          cpu: {cores: 1, coreFraction: 10%}
          memory: {size: 1Gi}
          blockDeviceRefs: [{kind: VirtualDisk, name: linux-vm-root}]
        """);
  }

  /**
   * One row of a rule table: the object (and the stored one for an update) and the expected broken
   * rule, or none.
   */
  record Case(String name, ObjectNode object, ObjectNode old, String field, String rule) {

    @Override
    public String toString() {
      return name;
    }

    static Case ok(String name, ObjectNode object) {
      return new Case(name, object, null, null, null);
    }

    static Case okUpdate(String name, ObjectNode old, ObjectNode object) {
      return new Case(name, object, old, null, null);
    }

    static Case fails(String name, ObjectNode object, String field, String rule) {
      return new Case(name, object, null, field, rule);
    }

    static Case failsUpdate(
        String name, ObjectNode old, ObjectNode object, String field, String rule) {
      return new Case(name, object, old, field, rule);
    }

    void check(Admission admission) {
      AdmissionResult result = admission.review(request(object, old, null));
      if (field == null) {
        assertThat(result.errors()).as(name).isEmpty();
        assertThat(result.object()).isNotNull();
      } else {
        assertThat(result.isAllowed()).as(name).isFalse();
        assertThat(result.object()).isNull();
        assertThat(result.errors())
            .as(name)
            .anySatisfy(
                e -> {
                  assertThat(e.field()).isEqualTo(field);
                  assertThat(e.rule()).contains(rule);
                  assertThat(e.message()).startsWith(field + ": ");
                });
      }
    }
  }

  static AdmissionRequest request(ObjectNode object, ObjectNode old, String subresource) {
    String apiVersion = object.path("apiVersion").asText();
    JsonNode meta = object.path("metadata");
    return new AdmissionRequest(
        old == null ? Operation.CREATE : Operation.UPDATE,
        apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "",
        apiVersion.substring(apiVersion.indexOf('/') + 1),
        object.path("kind").asText(),
        meta.hasNonNull("namespace") ? meta.get("namespace").asText() : null,
        meta.hasNonNull("name") ? meta.get("name").asText() : null,
        old,
        object,
        subresource);
  }

  static List<FieldError> errors(Admission admission, ObjectNode object) {
    return admission.review(request(object, null, null)).errors();
  }

  /** Facts from fixed values. */
  record FixedFacts(
      List<ObjectNode> classes, List<String> cidrs, List<ObjectNode> leases, Set<String> allocated)
      implements ClusterFacts {

    @Override
    public Optional<ObjectNode> virtualMachineClass(String name) {
      return classes.stream()
          .filter(c -> c.path("metadata").path("name").asText().equals(name))
          .findFirst();
    }

    @Override
    public List<String> virtualMachineCIDRs() {
      return cidrs;
    }

    @Override
    public Optional<ObjectNode> ipAddressLease(String ipv4) {
      String name = "ip-" + ipv4.replace('.', '-');
      return leases.stream()
          .filter(l -> l.path("metadata").path("name").asText().equals(name))
          .findFirst();
    }

    @Override
    public Set<String> allocatedAddresses() {
      return allocated;
    }

    @Override
    public Optional<ObjectNode> virtualDisk(String namespace, String name) {
      return Optional.empty();
    }
  }
}
