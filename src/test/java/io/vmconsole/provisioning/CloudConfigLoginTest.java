package io.vmconsole.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whom a cloud-init lets log in, read back from what the Demo template writes and from others. */
class CloudConfigLoginTest {

  @Test
  void aGeneratedLoginReadsBackWithItsPassword() {
    CloudConfigLogin made = CloudConfigLogin.generated("demo");
    assertThat(made.password().orElseThrow()).hasSize(14).doesNotContainPattern("[0O1lI]");
    assertThat(CloudConfigLogin.of(made.userData())).contains(made);
    assertThat(CloudConfigLogin.generated("demo").password()).isNotEqualTo(made.password());
  }

  @Test
  void aHashedOrLockedPasswordNamesTheUserOnly() {
    String seed =
        """
        #cloud-config
        users:
          - default
          - name: cloud
            passwd: $6$rounds=4096$saltsalt$abc
            lock_passwd: false
        """;
    assertThat(CloudConfigLogin.of(seed)).contains(new CloudConfigLogin("cloud", Optional.empty()));
    String locked =
        """
        #cloud-config
        users:
          - name: ops
            plain_text_passwd: secret
        """;
    assertThat(CloudConfigLogin.of(locked)).contains(new CloudConfigLogin("ops", Optional.empty()));
  }

  @Test
  void noUserScriptsAndBadYamlGiveNoLogin() {
    assertThat(CloudConfigLogin.of("#cloud-config\nhostname: x\n")).isEmpty();
    assertThat(CloudConfigLogin.of("#!/bin/sh\necho hi\n")).isEmpty();
    assertThat(CloudConfigLogin.of("#cloud-config\nusers: [\n")).isEmpty();
    assertThat(CloudConfigLogin.of(null)).isEmpty();
  }
}
