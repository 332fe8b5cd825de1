package io.vmconsole.security.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.vmconsole.security.Access;
import org.springframework.stereotype.Component;

/**
 * Before every navigation: a session whose account changed since the sign-in is ended (the page
 * goes to the login), and a user who must choose a new password is taken to do that first. Services
 * refuse both anyway; this keeps the screens from offering what would be refused. Navigation inside
 * an open page travels over Vaadin's push WebSocket, which no servlet filter sees, so the check
 * lives here as well.
 */
@Component
class AccountStateGuard implements VaadinServiceInitListener {
  private final Access access;
  private final AuthenticationContext authentication;

  AccountStateGuard(Access access, AuthenticationContext authentication) {
    this.access = access;
    this.authentication = authentication;
  }

  @Override
  public void serviceInit(ServiceInitEvent event) {
    event.getSource().addUIInitListener(e -> e.getUI().addBeforeEnterListener(this::beforeEnter));
  }

  private void beforeEnter(BeforeEnterEvent event) {
    if (access.signedIn().isPresent() && access.currentUser().isEmpty()) {
      authentication.logout();
    } else if (access.mustChangePassword()
        && event.getNavigationTarget() != AccountView.class
        && event.getNavigationTarget() != LoginView.class) {
      event.forwardTo(AccountView.class);
    }
  }
}
