package io.vmconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revisions end sessions: they must change with every change, and never come back. */
class UserStoreTest {
  @TempDir Path dir;

  @Test
  void everyChangeGivesANewRevisionAndARecreatedUserNeverGetsAnOldOne() {
    UserStore store = new UserStore(dir.resolve("users.json"));
    UserAccount first = store.save(new UserAccount("alice", "h", Role.OPERATOR, List.of("a")));
    UserAccount demoted = store.save(first.withAccess(Role.VIEWER, List.of("a")));
    assertThat(demoted.revision()).isGreaterThan(first.revision());
    assertThat(store.atRevision("alice", first.revision())).isEmpty();
    assertThat(store.atRevision("alice", demoted.revision())).contains(demoted);

    store.delete("alice");
    assertThat(store.atRevision("alice", demoted.revision())).isEmpty();
    UserAccount again =
        new UserStore(dir.resolve("users.json"))
            .save(new UserAccount("alice", "h", Role.OPERATOR, List.of("a")));
    assertThat(again.revision())
        .as("after a deletion and a restart")
        .isGreaterThan(demoted.revision());
  }

  @Test
  void listenersHearOfAChangeOnlyOnceItIsWritten() {
    Path file = dir.resolve("users.json");
    UserStore store = new UserStore(file);
    List<String> heard = new ArrayList<>();
    store.onChange(
        name -> {
          assertThat(new UserStore(file).find(name).map(UserAccount::role).orElse(null))
              .as("the file already holds the change of %s", name)
              .isIn(Role.VIEWER, null);
          heard.add(name);
        });
    store.save(new UserAccount("bob", "h", Role.VIEWER, List.of()));
    store.delete("bob");
    store.delete("nobody");
    assertThat(heard).containsExactly("bob", "bob");
  }

  @Test
  void aStoreWrittenBeforeRevisionsIsRead() throws Exception {
    Path file = dir.resolve("users.json");
    Files.writeString(
        file,
        """
        [ { "username" : "admin", "passwordHash" : "h", "role" : "ADMIN", "namespaces" : [ ] } ]
        """);
    UserStore store = new UserStore(file);
    assertThat(store.find("admin"))
        .hasValueSatisfying(
            a -> {
              assertThat(a.role()).isEqualTo(Role.ADMIN);
              assertThat(a.revision()).isZero();
              assertThat(a.mustChangePassword()).isFalse();
            });
    assertThat(store.save(store.find("admin").orElseThrow()).revision()).isPositive();
  }
}
