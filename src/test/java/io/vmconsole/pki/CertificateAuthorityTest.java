package io.vmconsole.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final List<String> DNS = List.of("localhost");
  private static final List<InetAddress> IPS = List.of(InetAddress.getLoopbackAddress());

  @TempDir Path dir;

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @Test
  void keepsItsKeyAndWhatItIssuedOwnerOnlyAndTheSameAcrossRestarts() throws Exception {
    Path pki = dir.resolve("pki");
    CertificateAuthority first = CertificateAuthority.loadOrCreate(pki, "test CA", at(NOW));
    IssuedCertificate serving = first.servingCertificate("api", DNS, IPS);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki)))
        .isEqualTo("rwx------");
    for (String file : List.of("ca.crt", "ca.key", "api.crt", "api.key")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve(file))))
          .as(file)
          .isEqualTo("rw-------");
    }
    CertificateAuthority again =
        CertificateAuthority.loadOrCreate(pki, "test CA", at(NOW.plusSeconds(60)));
    assertThat(again.certificate()).isEqualTo(first.certificate());
    assertThat(again.servingCertificate("api", DNS, IPS).certificate())
        .isEqualTo(serving.certificate());
  }

  @Test
  void issuesAServerCertificateForTheNamesAndAddressesSignedByItself() throws Exception {
    CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, "test CA", at(NOW));
    var c = ca.servingCertificate("api", DNS, IPS).certificate();

    c.verify(ca.certificate().getPublicKey());
    assertThat(CertificateAuthority.subjectAlternativeNames(c))
        .containsExactly("dns:localhost", "ip:127.0.0.1");
    assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
    assertThat(c.getBasicConstraints()).isEqualTo(-1);
    assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(c.getNotAfter().toInstant())
        .isEqualTo(NOW.plus(CertificateAuthority.SERVING_VALIDITY));
    assertThat(c.getNotBefore().toInstant()).isBefore(NOW);
  }

  @Test
  void replacesAServingCertificateNearItsEndOrForOtherNamesButNotBefore() throws Exception {
    CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir, "test CA", at(NOW));
    var first = ca.servingCertificate("api", DNS, IPS).certificate();

    Instant beforeRenewal =
        NOW.plus(CertificateAuthority.SERVING_VALIDITY)
            .minus(CertificateAuthority.RENEW_BEFORE)
            .minus(Duration.ofDays(1));
    var kept =
        CertificateAuthority.loadOrCreate(dir, "test CA", at(beforeRenewal))
            .servingCertificate("api", DNS, IPS);
    assertThat(kept.certificate()).isEqualTo(first);

    Instant inRenewal = beforeRenewal.plus(Duration.ofDays(2));
    var renewed =
        CertificateAuthority.loadOrCreate(dir, "test CA", at(inRenewal))
            .servingCertificate("api", DNS, IPS);
    assertThat(renewed.certificate()).isNotEqualTo(first);
    assertThat(renewed.certificate().getNotAfter().toInstant())
        .isEqualTo(inRenewal.plus(CertificateAuthority.SERVING_VALIDITY));

    var otherNames =
        CertificateAuthority.loadOrCreate(dir, "test CA", at(inRenewal))
            .servingCertificate("api", List.of("localhost", "console.example"), IPS);
    assertThat(CertificateAuthority.subjectAlternativeNames(otherNames.certificate()))
        .contains("dns:console.example");
  }

  @Test
  void aServingCertificateFromAnotherCaIsReplaced() throws Exception {
    CertificateAuthority.loadOrCreate(dir.resolve("a"), "a", at(NOW))
        .servingCertificate("api", DNS, IPS);
    CertificateAuthority b = CertificateAuthority.loadOrCreate(dir.resolve("b"), "b", at(NOW));
    Files.copy(dir.resolve("a/api.crt"), dir.resolve("b/api.crt"));
    Files.copy(dir.resolve("a/api.key"), dir.resolve("b/api.key"));

    var c = b.servingCertificate("api", DNS, IPS).certificate();
    c.verify(b.certificate().getPublicKey());
  }
}
