package io.vmconsole.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

/**
 * The login form; after a failure it says whether the password was wrong or the account is locked.
 */
@Route("login")
@PageTitle("Log in · vm-console")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {
  /** Where a user lands after changing their password (which ended their sessions). */
  public static final String PASSWORD_CHANGED = "login?password-changed";

  private final LoginForm form = new LoginForm();
  private final Paragraph notice = new Paragraph();

  public LoginView() {
    addClassName("login-view");
    setSizeFull();
    setAlignItems(Alignment.CENTER);
    setJustifyContentMode(JustifyContentMode.CENTER);
    form.setAction("login");
    form.setForgotPasswordButtonVisible(false);
    notice.setId("login-notice");
    notice.setVisible(false);
    add(new H1("vm-console"), new Paragraph("Virtual machines, in your browser."), notice, form);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    var parameters = event.getLocation().getQueryParameters().getParameters();
    if (parameters.containsKey("password-changed")) {
      notice.setText(
          "Your password was changed and you were signed out everywhere. Sign in with the new one.");
      notice.setVisible(true);
    }
    if (!parameters.containsKey("error")) {
      return;
    }
    LoginI18n i18n = LoginI18n.createDefault();
    LoginI18n.ErrorMessage error = i18n.getErrorMessage();
    if (lastException() instanceof LockedException) {
      error.setTitle("Account locked");
      error.setMessage("Too many failed logins. Wait a little and try again.");
    } else {
      error.setTitle("Wrong username or password");
      error.setMessage("Check them and try again.");
    }
    form.setI18n(i18n);
    form.setError(true);
  }

  private static Object lastException() {
    VaadinServletRequest request = VaadinServletRequest.getCurrent();
    HttpSession session =
        request == null ? null : request.getHttpServletRequest().getSession(false);
    return session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
  }
}
