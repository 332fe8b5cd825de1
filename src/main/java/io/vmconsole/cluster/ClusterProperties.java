package io.vmconsole.cluster;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which Kubernetes API the console talks to.
 *
 * @param mode {@code embedded} (default: start our own API server on loopback) or {@code
 *     kubeconfig} (any cluster, found through fabric8's usual discovery: KUBECONFIG,
 *     ~/.kube/config, in-cluster)
 * @param kubeconfig in kubeconfig mode, an explicit kubeconfig file (optional)
 * @param apiPort in embedded mode, the API server's port; 0 (default): the port of the last start
 *     on this data directory while it is free (kubeconfigs written then keep working), else any
 *     free port
 */
@ConfigurationProperties("vmconsole.cluster")
public record ClusterProperties(Mode mode, Path kubeconfig, Integer apiPort) {
  public ClusterProperties {
    mode = mode == null ? Mode.EMBEDDED : mode;
    apiPort = apiPort == null ? 0 : apiPort;
  }

  public enum Mode {
    EMBEDDED,
    KUBECONFIG
  }
}
