package io.vmconsole.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmconsole.datadir.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The users, kept in one JSON file under the data directory. Writes go to a temporary file that is
 * then moved over the old one, so a crash never leaves a half-written store.
 *
 * <p>Every change gives the account the store's next revision; the highest revision handed out is
 * kept in the file too, so revisions only grow, across deletions and restarts. Reads are lock-free:
 * consoles ask on every WebSocket frame whether their user's account is still at the revision it
 * signed in with.
 */
public class UserStore {
  private final Path file;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Map<String, UserAccount> users = new ConcurrentHashMap<>();
  private final List<Consumer<String>> changeListeners = new CopyOnWriteArrayList<>();
  private long revision;

  public UserStore(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      load();
    }
  }

  public Optional<UserAccount> find(String username) {
    return username == null ? Optional.empty() : Optional.ofNullable(users.get(username));
  }

  /** The account, if it still is at this revision (not changed or deleted since). */
  public Optional<UserAccount> atRevision(String username, long accountRevision) {
    return find(username).filter(a -> a.revision() == accountRevision);
  }

  public List<UserAccount> all() {
    return users.values().stream().sorted(Comparator.comparing(UserAccount::username)).toList();
  }

  public boolean isEmpty() {
    return users.isEmpty();
  }

  /**
   * Called with the user's name after each change of an account is written (the caller of {@link
   * #save} or {@link #delete} waits for the listeners): sessions and consoles of the user end
   * there.
   */
  public void onChange(Consumer<String> listener) {
    changeListeners.add(listener);
  }

  /** Creates or replaces the account; returns it with the revision it was stored at. */
  public UserAccount save(UserAccount account) {
    UserAccount saved;
    synchronized (this) {
      saved = account.atRevision(++revision);
      UserAccount before = users.put(saved.username(), saved);
      try {
        persist();
      } catch (RuntimeException e) {
        restore(saved.username(), before);
        throw e;
      }
    }
    changed(saved.username());
    return saved;
  }

  public boolean delete(String username) {
    synchronized (this) {
      UserAccount before = users.remove(username);
      if (before == null) {
        return false;
      }
      revision++;
      try {
        persist();
      } catch (RuntimeException e) {
        restore(username, before);
        throw e;
      }
    }
    changed(username);
    return true;
  }

  private void changed(String username) {
    changeListeners.forEach(l -> l.accept(username));
  }

  private void restore(String username, UserAccount before) {
    if (before == null) {
      users.remove(username);
    } else {
      users.put(username, before);
    }
  }

  private void load() {
    try {
      JsonNode root = json.readTree(file.toFile());
      // Before revisions the file was a bare list of accounts.
      JsonNode list = root.isArray() ? root : root.path("users");
      for (JsonNode node : list) {
        UserAccount account = json.treeToValue(node, UserAccount.class);
        users.put(account.username(), account);
        revision = Math.max(revision, account.revision());
      }
      revision = Math.max(revision, root.path("revision").asLong(0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the user store " + file, e);
    }
  }

  private void persist() {
    ObjectNode root = json.createObjectNode().put("revision", revision);
    root.set("users", json.valueToTree(all()));
    try {
      OwnerOnly.write(file, json.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the user store " + file, e);
    }
  }
}
