package io.vmconsole.console.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import io.vmconsole.console.ConsoleService;

/** The "SSH" button: the exact command for the node's loopback forward to the guest, with copy. */
public final class SshAction {
  private SshAction() {}

  public static Button button(ConsoleService consoles, String namespace, String name) {
    Button ssh = new Button("SSH", e -> open(consoles, namespace, name));
    ssh.setId("vm-ssh");
    return ssh;
  }

  private static void open(ConsoleService consoles, String namespace, String name) {
    Dialog d = new Dialog();
    d.setHeaderTitle("SSH to " + name);
    consoles
        .sshCommand(namespace, name)
        .ifPresentOrElse(
            cmd -> {
              Pre command = new Pre(cmd);
              command.setId("ssh-command");
              Button copy =
                  new Button(
                      "Copy",
                      e -> {
                        command.getElement().executeJs("navigator.clipboard.writeText($0)", cmd);
                        e.getSource().setText("Copied");
                      });
              copy.setId("ssh-copy");
              d.add(
                  new Paragraph(
                      "Run this on the node the VM runs on (the forward listens on its loopback only):"),
                  command);
              d.getFooter().add(copy);
            },
            () ->
                d.add(
                    new Paragraph(
                        "No SSH forward: the VM is not running, or it has no SSH forward.")));
    d.getFooter().add(new Button("Close", e -> d.close()));
    d.open();
  }
}
