package io.vmconsole;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The console: Vaadin UI, application services, controller and (by default) an embedded API server.
 */
@SpringBootApplication
@Push
@Theme("vmconsole")
public class Application implements AppShellConfigurator {
  public static void main(String[] args) {
    SpringApplication.run(Application.class, args);
  }
}
