package io.vmconsole.ipam;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * IP management settings.
 *
 * @param leaseRetention how long a Released lease keeps its address for its namespace (api.md §4:
 *     10m)
 * @param sweepInterval how often leases are checked for retention and orphans, and everything
 *     resynced
 * @param workers threads that reconcile vmips and VMs in parallel
 */
@ConfigurationProperties("vmconsole.ipam")
public record IpamProperties(Duration leaseRetention, Duration sweepInterval, Integer workers) {
  public IpamProperties {
    leaseRetention = leaseRetention == null ? Duration.ofMinutes(10) : leaseRetention;
    sweepInterval = sweepInterval == null ? Duration.ofSeconds(10) : sweepInterval;
    workers = workers == null ? 4 : workers;
  }
}
