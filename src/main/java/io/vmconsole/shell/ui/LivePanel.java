package io.vmconsole.shell.ui;

import com.vaadin.flow.component.Component;

/** A panel one feature shows on another's page, and how that page tells it to read again. */
public record LivePanel(Component view, Runnable refresh) {}
