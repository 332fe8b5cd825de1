package io.vmconsole.api.disk;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Quantity;
import io.vmconsole.api.common.DataSource;

/** No dataSource gives a blank disk; size may be left out when a dataSource gives it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VirtualDiskSpec(DataSource dataSource, PersistentVolumeClaim persistentVolumeClaim) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PersistentVolumeClaim(Quantity size, String storageClassName) {}
}
