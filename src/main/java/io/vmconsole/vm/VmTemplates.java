package io.vmconsole.vm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.vm.edit.YamlDocument;
import java.util.List;

/**
 * The create form's starting points: the seed's Ubuntu example (on the demo image here) and a small
 * demo VM.
 */
public final class VmTemplates {
  /** The cloud-init of the seed's example: user cloud / password cloud. */
  public static final String SEED_CLOUD_INIT =
      """
      #cloud-config
      package_update: true
      packages:
        - nginx
        - qemu-guest-agent
      run_cmd:
        - systemctl daemon-reload
        - systemctl enable --now nginx.service
        - systemctl enable --now qemu-guest-agent.service
      ssh_pwauth: True
      users:
      - name: cloud
        passwd: '$6$rounds=4096$saltsalt$fPmUsbjAuA7mnQNTajQM6ClhesyG0.yyQhvahas02ejfMAq1ykBo1RquzS0R6GgdIDlvS.kbUwDablGZKZcTP/'
        shell: /bin/bash
        sudo: ALL=(ALL) NOPASSWD:ALL
        lock_passwd: False
      final_message: "The system is finally up, after $UPTIME seconds"
      """;

  /** A template: the VM and the disks made with it. */
  public record Template(String title, ObjectNode vm, List<NewDisk> disks) {}

  private VmTemplates() {}

  public static List<Template> all(String namespace) {
    return List.of(seed(namespace), demo(namespace));
  }

  static Template seed(String namespace) {
    ObjectNode vm =
        YamlDocument.parse(
            """
        apiVersion: virtualization.deckhouse.io/v1alpha2
        kind: VirtualMachine
        metadata:
          name: linux-vm
          namespace: %s
        spec:
          virtualMachineClassName: host
          provisioning:
            type: UserData
            userData: ""
          cpu:
            cores: 1
            coreFraction: 10%%
          memory:
            size: 1Gi
          blockDeviceRefs:
            - kind: VirtualDisk
              name: linux-vm-root
        """
                .formatted(namespace == null ? "" : namespace));
    vm.with("spec").with("provisioning").put("userData", SEED_CLOUD_INIT);
    return new Template(
        "Seed example (linux-vm, cloud-init user cloud)",
        vm,
        List.of(new NewDisk("linux-vm-root", "ClusterVirtualImage", "demo", "")));
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
        """
                .formatted(namespace == null ? "" : namespace));
    return new Template(
        "Demo image (small, boots in seconds)",
        vm,
        List.of(new NewDisk("demo-vm-root", "ClusterVirtualImage", "demo", "")));
  }
}
