package io.vmconsole.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vmconsole.datadir.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The users, kept in one JSON file under the data directory. Writes go to a temporary file that is then
 * moved over the old one, so a crash never leaves a half-written store.
 */
public class UserStore {
  private static final TypeReference<List<UserAccount>> LIST = new TypeReference<>() {};

  private final Path file;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final List<UserAccount> users = new ArrayList<>();

  public UserStore(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      try {
        users.addAll(json.readValue(file.toFile(), LIST));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the user store " + file, e);
      }
    }
  }

  public synchronized Optional<UserAccount> find(String username) {
    return users.stream().filter(u -> u.username().equals(username)).findFirst();
  }

  public synchronized List<UserAccount> all() {
    return users.stream().sorted(Comparator.comparing(UserAccount::username)).toList();
  }

  public synchronized boolean isEmpty() {
    return users.isEmpty();
  }

  public synchronized void save(UserAccount account) {
    users.removeIf(u -> u.username().equals(account.username()));
    users.add(account);
    persist();
  }

  public synchronized boolean delete(String username) {
    boolean removed = users.removeIf(u -> u.username().equals(username));
    if (removed) {
      persist();
    }
    return removed;
  }

  private void persist() {
    try {
      OwnerOnly.write(file, json.writeValueAsBytes(users));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the user store " + file, e);
    }
  }
}
