package io.vmconsole.vm.ui;

import com.vaadin.flow.component.html.Span;
import io.vmconsole.vm.VmSummary;

/**
 * A VM's phase as a coloured badge; a malformed VM shows "Invalid" with its problems as tooltip.
 */
final class PhaseBadge {
  private PhaseBadge() {}

  static Span of(VmSummary vm) {
    if (!vm.isValid()) {
      Span badge = badge("Invalid", "error primary");
      badge.setTitle(String.join("\n", vm.problems()));
      return badge;
    }
    String phase = vm.phase().isEmpty() ? "Unknown" : vm.phase();
    return badge(phase, theme(phase));
  }

  private static String theme(String phase) {
    return switch (phase) {
      case "Running" -> "success";
      case "Stopped" -> "contrast";
      case "Degraded", "Terminating" -> "error";
      case "Pending", "Starting", "Stopping", "Migrating" -> "";
      default -> "contrast";
    };
  }

  private static Span badge(String text, String theme) {
    Span badge = new Span(text);
    badge.getElement().getThemeList().add("badge");
    for (String t : theme.split(" ")) {
      if (!t.isBlank()) {
        badge.getElement().getThemeList().add(t);
      }
    }
    badge.addClassName("phase-badge");
    badge.getElement().setAttribute("data-phase", text);
    return badge;
  }
}
