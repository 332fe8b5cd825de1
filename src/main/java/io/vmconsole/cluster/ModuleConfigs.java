package io.vmconsole.cluster;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vmconsole.api.module.ModuleConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The virtualization ModuleConfig, whose settings.virtualMachineCIDRs is the VM address pool. */
public class ModuleConfigs implements AutoCloseable {
  private final KubernetesClient client;
  private final TypedCache<ModuleConfig> cache;

  public ModuleConfigs(KubernetesClient client) {
    this.client = client;
    this.cache = new TypedCache<>(client.resources(ModuleConfig.class).runnableInformer(0));
  }

  public void start() {
    cache.start();
  }

  InformerState state() {
    return cache.state("ModuleConfig");
  }

  public Optional<ModuleConfig> virtualization() {
    return cache.get(null, ModuleConfig.VIRTUALIZATION);
  }

  /** settings.virtualMachineCIDRs, empty when unset. */
  public List<String> cidrs() {
    return virtualization()
        .filter(m -> m.getSpec() != null)
        .map(m -> m.getSpec().virtualMachineCIDRs())
        .orElse(List.of());
  }

  public Runnable addListener(Consumer<ModuleConfig> listener) {
    return cache.addListener(listener);
  }

  /**
   * Creates the ModuleConfig with these CIDRs when there is none (embedded start); leaves one
   * alone.
   */
  public static void ensureExists(KubernetesClient client, List<String> cidrs) {
    if (client.resources(ModuleConfig.class).withName(ModuleConfig.VIRTUALIZATION).get() != null) {
      return;
    }
    ModuleConfig mc = new ModuleConfig();
    mc.setMetadata(new ObjectMetaBuilder().withName(ModuleConfig.VIRTUALIZATION).build());
    mc.setSpec(new ModuleConfig.Spec(true, 1, settings(null, cidrs)));
    try {
      client.resources(ModuleConfig.class).resource(mc).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  /** Replaces the CIDR list, keeping the other settings; the API's admission rules decide. */
  public void setCidrs(List<String> cidrs) {
    if (virtualization().isEmpty()) {
      ensureExists(client, cidrs);
      return;
    }
    client
        .resources(ModuleConfig.class)
        .withName(ModuleConfig.VIRTUALIZATION)
        .edit(
            m -> {
              ModuleConfig.Spec s = m.getSpec();
              m.setSpec(
                  new ModuleConfig.Spec(
                      s == null ? Boolean.TRUE : s.enabled(),
                      s == null ? 1 : s.version(),
                      settings(s == null ? null : s.settings(), cidrs)));
              return m;
            });
  }

  private static ObjectNode settings(
      com.fasterxml.jackson.databind.JsonNode old, List<String> cidrs) {
    ObjectNode settings =
        old instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode();
    settings
        .putArray(ModuleConfig.CIDRS_SETTING)
        .addAll(cidrs.stream().map(JsonNodeFactory.instance::textNode).toList());
    return settings;
  }

  @Override
  public void close() {
    cache.close();
  }
}
