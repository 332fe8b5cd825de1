package io.vmconsole.shell;

import io.vmconsole.attachments.DiskAttachmentService;
import io.vmconsole.attachments.ui.VmDisksPanel;
import io.vmconsole.shell.ui.LivePanel;
import org.springframework.stereotype.Component;

/**
 * What other features' pages show of the disks (the attachments feature's UI entry), as {@link
 * ConsoleNavigation}.
 */
@Component
public class DiskNavigation {
  private final DiskAttachmentService attachments;

  public DiskNavigation(DiskAttachmentService attachments) {
    this.attachments = attachments;
  }

  /** A VM's disks with hot-plug and unplug (canOperate: the user may change them). */
  public LivePanel vmDisks(String namespace, String vmName, boolean canOperate) {
    VmDisksPanel panel = new VmDisksPanel(attachments, namespace, vmName, canOperate);
    return new LivePanel(panel, panel::refresh);
  }
}
