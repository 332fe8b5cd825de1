package io.vmconsole.attachments;

import io.vmconsole.api.admission.Admission;
import io.vmconsole.audit.AuditLog;
import io.vmconsole.cluster.ClusterResources;
import io.vmconsole.cluster.Kind;
import io.vmconsole.security.Access;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class AttachmentsConfiguration {

  @Bean
  DiskAttachmentService diskAttachmentService(
      ClusterResources cluster, Admission admission, Access access, AuditLog audit) {
    return new DiskAttachmentService(
        cluster.access(Kind.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT),
        cluster.access(Kind.VIRTUAL_DISK),
        cluster.cache(Kind.VIRTUAL_MACHINE_BLOCK_DEVICE_ATTACHMENT),
        cluster.cache(Kind.VIRTUAL_MACHINE),
        cluster.cache(Kind.VIRTUAL_DISK),
        cluster.cache(Kind.VIRTUAL_IMAGE),
        cluster.cache(Kind.CLUSTER_VIRTUAL_IMAGE),
        admission,
        access,
        audit);
  }
}
