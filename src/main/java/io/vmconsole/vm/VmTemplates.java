package io.vmconsole.vm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.provisioning.CloudConfigLogin;
import io.vmconsole.vm.edit.YamlDocument;
import java.util.List;

/**
 * The create form's starting points: the seed's Ubuntu example (on the demo image here) and a small
 * demo VM whose cloud-init, in a Secret named after it, makes a user with a generated password.
 */
public final class VmTemplates {
  /**
   * The seed's first VirtualMachine (linux-vm, cloud-init user cloud / password cloud) verbatim,
   * comments included: the seed template, and the file the tests apply as the seed's example.
   */
  public static final String SEED_VM_YAML = resource("/seed/01-vm-linux-vm.yaml");

  /** The cloud-init of the seed's example: user cloud / password cloud. */
  public static final String SEED_CLOUD_INIT =
      YamlDocument.parse(SEED_VM_YAML).path("spec").path("provisioning").path("userData").asText();

  /**
   * A template: the VM, the disks made with it, and the cloud-init kept in the Secret the VM names
   * (null when the template makes none).
   */
  public record Template(String title, ObjectNode vm, List<NewDisk> disks, String cloudInit) {}

  /** The user the Demo template's cloud-init makes; its password is new for every form. */
  public static final String DEMO_USER = "demo";

  private VmTemplates() {}

  public static List<Template> all(String namespace) {
    return List.of(seed(namespace), demo(namespace));
  }

  static Template seed(String namespace) {
    ObjectNode vm = YamlDocument.parse(SEED_VM_YAML);
    vm.with("metadata").put("namespace", namespace == null ? "" : namespace);
    return new Template(
        "Seed example (linux-vm, cloud-init user cloud)",
        vm,
        List.of(new NewDisk("linux-vm-root", "ClusterVirtualImage", "demo", "")),
        null);
  }

  private static String resource(String path) {
    try (var in = VmTemplates.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Template demo(String namespace) {
    ObjectNode vm =
        YamlDocument.parse(
            """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata:
          name: demo-vm
          namespace: %s
        spec:
          virtualMachineClassName: generic
          runPolicy: AlwaysOnUnlessStoppedManually
          cpu:
            cores: 1
            coreFraction: 100%%
          memory:
            size: 256Mi
          blockDeviceRefs:
            - kind: VirtualDisk
              name: demo-vm-root
          provisioning:
            type: UserDataRef
            userDataRef:
              kind: Secret
              name: demo-vm-cloud-init
        """
                .formatted(namespace == null ? "" : namespace));
    return new Template(
        "Demo image (small, boots in seconds)",
        vm,
        List.of(new NewDisk("demo-vm-root", "ClusterVirtualImage", "demo", "")),
        CloudConfigLogin.generated(DEMO_USER).userData());
  }
}
