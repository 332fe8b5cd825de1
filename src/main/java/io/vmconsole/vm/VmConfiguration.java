package io.vmconsole.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.admission.AdmissionRequest;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.Kind;
import io.vmconsole.cluster.ResourceCache;
import io.vmconsole.provisioning.ProvisioningSecretService;
import io.vmconsole.security.Access;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class VmConfiguration {
  private static final int RECENT_EVENTS = 20;

  @Bean
  VirtualMachineService virtualMachineService(
      @Qualifier("virtualMachineCache") ResourceCache cache,
      Access access,
      Admission admission,
      ClusterResources cluster) {
    return new VirtualMachineService(cache, access, storedObjectRules(admission), events(cluster));
  }

  @Bean
  VmEditService vmEditService(
      ClusterResources cluster,
      Admission admission,
      Access access,
      AuditLog audit,
      ProvisioningSecretService secrets) {
    ResourceCache classes = cluster.cache(Kind.VIRTUAL_MACHINE_CLASS);
    return new VmEditService(
        cluster.access(Kind.VIRTUAL_MACHINE),
        cluster.access(Kind.VIRTUAL_DISK),
        name -> classes.getJson(null, name).map(JsonNode.class::cast),
        () ->
            classes.listJson().stream()
                .map(c -> c.path("metadata").path("name").asText())
                .sorted()
                .toList(),
        admission,
        access,
        audit,
        secrets);
  }

  /**
   * Events whose involvedObject is the VM (by uid when the event has one), from the informer cache.
   */
  private static VirtualMachineService.EventSource events(ClusterResources cluster) {
    return (namespace, uid, name) -> {
      ResourceCache events = cluster.cache(Kind.EVENT);
      return events.listJson().stream()
          .filter(e -> namespace.equals(e.path("metadata").path("namespace").asText()))
          .filter(e -> "VirtualMachine".equals(e.path("involvedObject").path("kind").asText()))
          .filter(e -> name.equals(e.path("involvedObject").path("name").asText()))
          .filter(e -> uid == null || e.path("involvedObject").path("uid").asText(uid).equals(uid))
          .sorted(Comparator.comparing((ObjectNode e) -> time(e)).reversed())
          .limit(RECENT_EVENTS)
          .map(
              e ->
                  new VmDetails.Event(
                      e.path("type").asText(""),
                      e.path("reason").asText(""),
                      e.path("message").asText(""),
                      time(e)))
          .toList();
    };
  }

  private static String time(JsonNode e) {
    return Optional.ofNullable(e.get("lastTimestamp"))
        .map(JsonNode::asText)
        .orElse(e.path("metadata").path("creationTimestamp").asText(""));
  }

  /**
   * The admission rules applied to an object already in the store: what they refuse is what makes a
   * stored object invalid (it got there around them, e.g. written to a cluster without our
   * webhook).
   */
  static Function<JsonNode, List<String>> storedObjectRules(Admission admission) {
    return vm -> {
      ObjectNode copy = ((ObjectNode) vm).deepCopy();
      try {
        return admission
            .review(
                new AdmissionRequest(
                    AdmissionRequest.Operation.CREATE,
                    "virtualization.deckhouse.io",
                    "v1alpha2",
                    "VirtualMachine",
                    vm.path("metadata").path("namespace").asText(null),
                    vm.path("metadata").path("name").asText(null),
                    null,
                    copy,
                    null))
            .errors()
            .stream()
            .map(FieldError::message)
            .toList();
      } catch (RuntimeException e) {
        return List.of("cannot be read: " + e.getMessage());
      }
    };
  }
}
