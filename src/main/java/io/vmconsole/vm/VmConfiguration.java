package io.vmconsole.vm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.admission.AdmissionRequest;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.cluster.ResourceCache;
import io.vmconsole.security.Access;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class VmConfiguration {

  @Bean
  VirtualMachineService virtualMachineService(@Qualifier("virtualMachineCache") ResourceCache cache,
      Access access, Admission admission) {
    return new VirtualMachineService(cache, access, storedObjectRules(admission));
  }

  /**
   * The admission rules applied to an object already in the store: what they refuse is what makes a
   * stored object invalid (it got there around them, e.g. written to a cluster without our webhook).
   */
  static Function<JsonNode, List<String>> storedObjectRules(Admission admission) {
    return vm -> {
      ObjectNode copy = ((ObjectNode) vm).deepCopy();
      try {
        return admission.review(new AdmissionRequest(AdmissionRequest.Operation.CREATE,
                "virtualization.deckhouse.io", "v1alpha2", "VirtualMachine",
                vm.path("metadata").path("namespace").asText(null), vm.path("metadata").path("name").asText(null),
                null, copy, null))
            .errors().stream().map(FieldError::message).toList();
      } catch (RuntimeException e) {
        return List.of("cannot be read: " + e.getMessage());
      }
    };
  }
}
