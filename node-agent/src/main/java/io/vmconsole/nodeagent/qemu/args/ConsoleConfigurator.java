package io.vmconsole.nodeagent.qemu.args;

import java.util.List;

/**
 * Control and console channels as unix sockets in the VM dir: QMP, serial (the agent is its one
 * client), VNC on a std VGA, and the guest agent's virtio-serial port.
 */
public final class ConsoleConfigurator implements Configurator {
  @Override
  public List<String> args(LaunchPlan p) {
    VmFiles f = p.files();
    return List.of(
        "-qmp",
        "unix:" + Configurator.escape(f.qmp().toString()) + ",server=on,wait=off",
        "-chardev",
        "socket,id=ser0,path=" + Configurator.escape(f.serial().toString()) + ",server=on,wait=off",
        "-serial",
        "chardev:ser0",
        "-vga",
        "std",
        "-display",
        "none",
        "-vnc",
        "unix:" + Configurator.escape(f.vnc().toString()),
        "-device",
        "virtio-serial-pci,id=vser0",
        "-chardev",
        "socket,id=qga0,path=" + Configurator.escape(f.qga().toString()) + ",server=on,wait=off",
        "-device",
        "virtserialport,chardev=qga0,name=org.qemu.guest_agent.0");
  }
}
