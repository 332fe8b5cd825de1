package io.vmconsole.nodeagent.qemu.args;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmconsole.nodeagent.spec.VmSpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table per facet: spec in, QEMU arguments out. */
class ConfiguratorsTest {
  private static final VmSpec.Disk ROOT =
      Plans.disk("d-root", "/p/root.qcow2", "qcow2", false, "disk");
  private static final VmSpec.Disk ISO = Plans.disk("d-iso", "/p/a,b.iso", "raw", true, "cdrom");
  private static final VmSpec.Nic NIC =
      new VmSpec.Nic("10.20.0.15", 24, "10.20.0.1", List.of("10.20.0.3"), "52:54:00:AA:BB:CC");

  static Stream<Arguments> machine() {
    return Stream.of(
        Arguments.of(
            Plans.plan(Plans.spec(2, 1 << 30, List.of(), null), "tcg", null, false),
            List.of(
                "-name",
                "guest=web-1,debug-threads=on",
                "-machine",
                "pc",
                "-nodefaults",
                "-no-user-config",
                "-accel",
                "tcg",
                "-cpu",
                "max",
                "-smp",
                "2",
                "-device",
                "pvpanic-pci")),
        Arguments.of(
            Plans.plan(Plans.spec(4, 1 << 30, List.of(), null), "kvm", null, false),
            List.of(
                "-name",
                "guest=web-1,debug-threads=on",
                "-machine",
                "pc",
                "-nodefaults",
                "-no-user-config",
                "-accel",
                "kvm",
                "-cpu",
                "host",
                "-smp",
                "4",
                "-device",
                "pvpanic-pci")));
  }

  @ParameterizedTest
  @MethodSource
  void machine(LaunchPlan plan, List<String> expected) {
    assertEquals(expected, new MachineConfigurator().args(plan));
  }

  static Stream<Arguments> memory() {
    return Stream.of(
        Arguments.of(256L << 20, List.of("-m", "256M")),
        Arguments.of(1L << 30, List.of("-m", "1024M")),
        Arguments.of(3L << 30, List.of("-m", "3072M")),
        // 1G (decimal) is 953.67 MiB: rounded up, never down below what was asked.
        Arguments.of(1_000_000_000L, List.of("-m", "954M")));
  }

  @ParameterizedTest
  @MethodSource
  void memory(long bytes, List<String> expected) {
    assertEquals(
        expected,
        new MemoryConfigurator()
            .args(Plans.plan(Plans.spec(1, bytes, List.of(), null), "tcg", null, false)));
  }

  static Stream<Arguments> disks() {
    return Stream.of(
        Arguments.of(List.of(), List.of("-device", "virtio-scsi-pci,id=scsi0")),
        Arguments.of(
            List.of(ROOT, ISO),
            List.of(
                "-device", "virtio-scsi-pci,id=scsi0",
                "-blockdev",
                    "driver=file,filename=/p/root.qcow2,node-name=d-root-file,read-only=off",
                "-blockdev", "driver=qcow2,file=d-root-file,node-name=d-root,read-only=off",
                "-device", "scsi-hd,drive=d-root,bus=scsi0.0,id=dev-d-root,bootindex=1",
                "-blockdev", "driver=file,filename=/p/a,,b.iso,node-name=d-iso-file,read-only=on",
                "-blockdev", "driver=raw,file=d-iso-file,node-name=d-iso,read-only=on",
                "-device", "scsi-cd,drive=d-iso,bus=scsi0.0,id=dev-d-iso,bootindex=2")),
        Arguments.of(
            List.of(ROOT.withScsiId(3)),
            List.of(
                "-device", "virtio-scsi-pci,id=scsi0",
                "-blockdev",
                    "driver=file,filename=/p/root.qcow2,node-name=d-root-file,read-only=off",
                "-blockdev", "driver=qcow2,file=d-root-file,node-name=d-root,read-only=off",
                "-device",
                    "scsi-hd,drive=d-root,bus=scsi0.0,id=dev-d-root,scsi-id=3,bootindex=1")));
  }

  @ParameterizedTest
  @MethodSource
  void disks(List<VmSpec.Disk> disks, List<String> expected) {
    assertEquals(
        expected,
        new DiskConfigurator()
            .args(Plans.plan(Plans.spec(1, 1 << 30, disks, null), "tcg", null, false)));
  }

  static Stream<Arguments> nic() {
    return Stream.of(
        Arguments.of(
            NIC,
            2222,
            List.of(
                "-netdev",
                "user,id=n0,restrict=on,net=10.20.0.0/24,host=10.20.0.1,dns=10.20.0.3,"
                    + "dhcpstart=10.20.0.15,hostfwd=tcp:127.0.0.1:2222-:22",
                "-device",
                "virtio-net-pci,netdev=n0,mac=52:54:00:aa:bb:cc")),
        // Gateway equal to the guest's address and DNS outside the subnet: the agent picks others.
        Arguments.of(
            new VmSpec.Nic("10.9.0.1", 16, "10.9.0.1", List.of("8.8.8.8"), "52:54:00:00:00:01"),
            null,
            List.of(
                "-netdev",
                "user,id=n0,restrict=on,net=10.9.0.0/16,host=10.9.0.2,dns=10.9.0.3,"
                    + "dhcpstart=10.9.0.1",
                "-device",
                "virtio-net-pci,netdev=n0,mac=52:54:00:00:00:01")));
  }

  @ParameterizedTest
  @MethodSource
  void nic(VmSpec.Nic nic, Integer sshPort, List<String> expected) {
    assertEquals(
        expected,
        new NicConfigurator()
            .args(Plans.plan(Plans.spec(1, 1 << 30, List.of(), nic), "tcg", sshPort, false)));
  }

  static Stream<Arguments> seed() {
    return Stream.of(
        Arguments.of(false, List.of()),
        Arguments.of(
            true,
            List.of(
                "-blockdev",
                "driver=file,filename=/s/vms/v1/seed.iso,node-name=seed-file,read-only=on",
                "-blockdev",
                "driver=raw,file=seed-file,node-name=seed,read-only=on",
                "-device",
                "scsi-cd,drive=seed,bus=scsi0.0,id=dev-seed,scsi-id=255")));
  }

  @ParameterizedTest
  @MethodSource
  void seed(boolean hasSeed, List<String> expected) {
    assertEquals(
        expected,
        new SeedConfigurator()
            .args(Plans.plan(Plans.spec(1, 1 << 30, List.of(), null), "tcg", null, hasSeed)));
  }

  static Stream<Arguments> consoles() {
    return Stream.of(
        Arguments.of(
            List.of(
                "-qmp", "unix:/s/vms/v1/qmp.sock,server=on,wait=off",
                "-chardev", "socket,id=ser0,path=/s/vms/v1/serial.sock,server=on,wait=off",
                "-serial", "chardev:ser0",
                "-vga", "std",
                "-display", "none",
                "-vnc", "unix:/s/vms/v1/vnc.sock",
                "-device", "virtio-serial-pci,id=vser0",
                "-chardev", "socket,id=qga0,path=/s/vms/v1/qga.sock,server=on,wait=off",
                "-device", "virtserialport,chardev=qga0,name=org.qemu.guest_agent.0")));
  }

  @ParameterizedTest
  @MethodSource
  void consoles(List<String> expected) {
    assertEquals(
        expected,
        new ConsoleConfigurator()
            .args(Plans.plan(Plans.spec(1, 1 << 30, List.of(), null), "tcg", null, false)));
  }

  @org.junit.jupiter.api.Test
  void commandStartsPausedAndDaemonized() {
    List<String> cmd =
        QemuCommand.build(
            "qemu", Plans.plan(Plans.spec(1, 1 << 30, List.of(), null), "tcg", null, false));
    assertEquals("qemu", cmd.get(0));
    assertEquals(
        List.of("-S", "-daemonize", "-pidfile", "/s/vms/v1/qemu.pid"),
        cmd.subList(cmd.size() - 4, cmd.size()));
  }
}
