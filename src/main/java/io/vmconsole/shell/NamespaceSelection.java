package io.vmconsole.shell;

import com.vaadin.flow.spring.annotation.VaadinSessionScope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The namespace the user is looking at (null = all of theirs), shared by the views of a session.
 */
@Component
@VaadinSessionScope
public class NamespaceSelection {
  private String namespace;
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  public String get() {
    return namespace;
  }

  public void set(String namespace) {
    this.namespace = namespace;
    listeners.forEach(l -> l.accept(namespace));
  }

  public Runnable onChange(Consumer<String> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
