package io.vmconsole.operations;

import io.vmconsole.api.admission.Admission;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.Kind;
import io.vmconsole.security.Access;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class OperationsConfiguration {

  @Bean
  OperationService operationService(
      ClusterResources cluster, Admission admission, Access access, AuditLog audit) {
    return new OperationService(
        cluster.access(Kind.VIRTUAL_MACHINE_OPERATION),
        cluster.cache(Kind.VIRTUAL_MACHINE_OPERATION),
        cluster.cache(Kind.NODE),
        admission,
        access,
        audit);
  }
}
