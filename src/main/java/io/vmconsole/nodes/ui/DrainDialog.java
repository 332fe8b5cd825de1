package io.vmconsole.nodes.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import io.vmconsole.nodes.DrainStep;
import io.vmconsole.nodes.NodeService;
import io.vmconsole.shell.ui.Failures;
import java.util.List;

/**
 * The plan of a drain — per VM "will migrate" or "blocked: why", blockers first — and its
 * confirmation.
 */
final class DrainDialog extends Dialog {

  DrainDialog(NodeService service, String node, Runnable done) {
    setId("drain-dialog");
    setHeaderTitle("Drain " + node);
    List<DrainStep> plan = service.drainPlan(node);
    add(
        new Paragraph(
            "The node is cordoned (no new VMs), then its VMs live-migrate to other nodes, "
                + "two at a time. VMs that cannot migrate stay."));
    Div list = new Div();
    list.setId("drain-plan");
    if (plan.isEmpty()) {
      list.add(new Paragraph("No VM runs on " + node + "."));
    }
    for (DrainStep step : plan) {
      Div row =
          new Div(
              step.namespace()
                  + "/"
                  + step.vm()
                  + " — "
                  + (step.blocked() ? "blocked: " + step.blocker() : "will migrate"));
      row.addClassName(step.blocked() ? "drain-blocked" : "drain-vm");
      list.add(row);
    }
    add(list);
    Button confirm =
        new Button(
            "Cordon and drain",
            e -> {
              Failures.shown(() -> service.startDrain(node));
              close();
              done.run();
            });
    confirm.setId("drain-confirm");
    confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    Button cancel = new Button("Cancel", e -> close());
    getFooter().add(cancel, confirm);
  }
}
