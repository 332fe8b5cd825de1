package io.vmconsole.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a stored VirtualMachine leniently: whatever is wrong with it becomes a problem on its row
 * rather than an exception that would break the whole list.
 */
final class VmSummaryReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Function<JsonNode, List<String>> validator;

  /**
   * @param validator the admission rules, answering the broken ones as messages
   */
  VmSummaryReader(Function<JsonNode, List<String>> validator) {
    this.validator = validator;
  }

  VmSummary read(GenericKubernetesResource resource) {
    JsonNode vm = JSON.valueToTree(resource);
    ObjectMeta meta = resource.getMetadata();
    List<String> problems = new ArrayList<>();
    JsonNode spec = vm.path("spec");
    JsonNode status = vm.path("status");
    if (!spec.isObject()) {
      problems.add("spec: is missing or not an object");
    } else {
      problems.addAll(validator.apply(vm));
    }
    return new VmSummary(
        meta.getUid(),
        meta.getNamespace(),
        meta.getName(),
        text(status.path("phase")),
        text(status.path("nodeName")),
        text(status.path("ipAddress")),
        created(meta.getCreationTimestamp()),
        meta.getLabels() == null ? Map.of() : Map.copyOf(meta.getLabels()),
        text(spec.path("cpu").path("cores")),
        text(spec.path("cpu").path("coreFraction")),
        text(spec.path("memory").path("size")),
        condition(status, "AwaitingRestartToApplyConfiguration"),
        condition(status, "AgentReady"),
        condition(status, "Migratable"),
        List.copyOf(problems));
  }

  private static String condition(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return text(c.path("status"));
      }
    }
    return "";
  }

  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : "";
  }

  private static Instant created(String timestamp) {
    try {
      return timestamp == null ? null : Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
