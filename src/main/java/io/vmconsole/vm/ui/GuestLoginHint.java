package io.vmconsole.vm.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.provisioning.ProvisioningSecretService;
import io.vmconsole.shell.ui.Failures;
import java.util.Optional;

/**
 * Above the serial console: whom the VM's cloud-init lets log in ("Log in as demo"), and for an
 * operator or admin its password, shown only when asked for (the reveal is audited).
 */
final class GuestLoginHint extends HorizontalLayout {

  private GuestLoginHint() {
    setId("guest-login");
    setAlignItems(FlexComponent.Alignment.BASELINE);
  }

  /** The hint, or empty when the cloud-init names no user (or there is none). */
  static Optional<GuestLoginHint> of(
      ProvisioningSecretService secrets,
      String namespace,
      VmObject.Provisioning provisioning,
      boolean canOperate) {
    Optional<String> user = secrets.loginUser(namespace, provisioning);
    if (user.isEmpty()) {
      return Optional.empty();
    }
    GuestLoginHint hint = new GuestLoginHint();
    Span who = new Span("Log in as " + user.get());
    who.setId("guest-login-user");
    hint.add(who);
    if (canOperate) {
      Span password = new Span();
      password.setId("guest-login-password");
      Button show = new Button("Show password");
      show.setId("guest-login-show");
      show.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
      show.addClickListener(
          e ->
              Failures.shown(
                  () -> {
                    password.setText(
                        secrets
                            .loginPassword(namespace, provisioning)
                            .map(p -> "password: " + p)
                            .orElse("the cloud-init holds only a hash of the password"));
                    show.setVisible(false);
                  }));
      hint.add(show, password);
    }
    return Optional.of(hint);
  }
}
