package io.vmconsole.pki;

import io.vmconsole.datadir.OwnerOnly;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The console's certificate authority, kept as an owner-only file pair ({@code ca.crt}, {@code
 * ca.key}) in a directory of the data directory, so that what it signed stays trusted across
 * restarts: a kubeconfig holding its certificate keeps working. It also keeps the serving
 * certificates it issues, beside it.
 */
public final class CertificateAuthority {

  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration SERVING_VALIDITY = Duration.ofDays(365);

  /** A serving certificate this close to its end is replaced at the next start. */
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  /** Clocks of peers may be behind ours. */
  private static final Duration BACKDATE = Duration.ofHours(1);

  private static final String CA_CERTIFICATE = "ca.crt";
  private static final String CA_KEY = "ca.key";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path directory;
  private final X509Certificate certificate;
  private final PrivateKey key;
  private final Clock clock;

  private CertificateAuthority(
      Path directory, X509Certificate certificate, PrivateKey key, Clock clock) {
    this.directory = directory;
    this.certificate = certificate;
    this.key = key;
    this.clock = clock;
  }

  /** The CA kept in the directory, made there (owner-only) when the directory has none. */
  public static CertificateAuthority loadOrCreate(Path directory, String commonName, Clock clock)
      throws IOException {
    OwnerOnly.directories(directory);
    Path certificateFile = directory.resolve(CA_CERTIFICATE);
    Path keyFile = directory.resolve(CA_KEY);
    if (Files.exists(certificateFile) && Files.exists(keyFile)) {
      return new CertificateAuthority(
          directory,
          PemFiles.readCertificate(certificateFile),
          PemFiles.readPrivateKey(keyFile),
          clock);
    }
    KeyPair pair = newKeyPair();
    X500Name name = new X500Name("CN=" + commonName);
    Instant now = clock.instant();
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              serial(),
              Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(CA_VALIDITY)),
              name,
              pair.getPublic());
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          extensions.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate certificate = sign(builder, pair.getPrivate());
      OwnerOnly.write(keyFile, PemFiles.pem(pair.getPrivate()));
      OwnerOnly.write(certificateFile, PemFiles.pem(certificate));
      return new CertificateAuthority(directory, certificate, pair.getPrivate(), clock);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IOException("cannot create a certificate authority in " + directory, e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String certificatePem() {
    return PemFiles.pem(certificate);
  }

  /**
   * The serving certificate {@code name} ({@code name.crt}, {@code name.key} beside the CA): the
   * one kept there while this CA signed it, it covers exactly these names and addresses and is not
   * near its end; otherwise a new one, kept for the next start.
   */
  public IssuedCertificate servingCertificate(
      String name, List<String> dnsNames, List<InetAddress> addresses) throws IOException {
    Path certificateFile = directory.resolve(name + ".crt");
    Path keyFile = directory.resolve(name + ".key");
    if (Files.exists(certificateFile) && Files.exists(keyFile)) {
      IssuedCertificate kept =
          new IssuedCertificate(
              PemFiles.readCertificate(certificateFile), PemFiles.readPrivateKey(keyFile));
      if (stillServes(kept.certificate(), dnsNames, addresses)) {
        return kept;
      }
    }
    IssuedCertificate issued =
        issueServing(dnsNames.isEmpty() ? name : dnsNames.get(0), dnsNames, addresses);
    OwnerOnly.write(keyFile, issued.privateKeyPem());
    OwnerOnly.write(certificateFile, issued.certificatePem());
    return issued;
  }

  private boolean stillServes(
      X509Certificate candidate, List<String> dnsNames, List<InetAddress> addresses) {
    try {
      candidate.verify(certificate.getPublicKey());
      Instant renewAt = candidate.getNotAfter().toInstant().minus(RENEW_BEFORE);
      return clock.instant().isBefore(renewAt)
          && subjectAlternativeNames(candidate).equals(names(dnsNames, addresses));
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private IssuedCertificate issueServing(
      String commonName, List<String> dnsNames, List<InetAddress> addresses) throws IOException {
    KeyPair pair = newKeyPair();
    Instant now = clock.instant();
    List<GeneralName> names = new ArrayList<>();
    dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
    addresses.forEach(a -> names.add(new GeneralName(GeneralName.iPAddress, a.getHostAddress())));
    try {
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              certificate,
              serial(),
              Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(SERVING_VALIDITY)),
              new X500Name("CN=" + commonName),
              pair.getPublic());
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(names.toArray(GeneralName[]::new)));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          extensions.createSubjectKeyIdentifier(pair.getPublic()));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          extensions.createAuthorityKeyIdentifier(certificate));
      return new IssuedCertificate(sign(builder, key), pair.getPrivate());
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IOException("cannot issue a certificate for " + commonName, e);
    }
  }

  /**
   * The certificate's DNS names and IP addresses, as "dns:NAME" and "ip:ADDRESS" (addresses
   * normalised).
   */
  static Set<String> subjectAlternativeNames(X509Certificate c) throws CertificateParsingException {
    Set<String> result = new TreeSet<>();
    Collection<List<?>> sans = c.getSubjectAlternativeNames();
    if (sans == null) {
      return result;
    }
    for (List<?> san : sans) {
      int type = (Integer) san.get(0);
      if (type == GeneralName.dNSName) {
        result.add("dns:" + san.get(1));
      } else if (type == GeneralName.iPAddress) {
        result.add("ip:" + normalised((String) san.get(1)));
      }
    }
    return result;
  }

  private static Set<String> names(List<String> dnsNames, List<InetAddress> addresses) {
    Set<String> result = new TreeSet<>();
    dnsNames.forEach(n -> result.add("dns:" + n));
    addresses.forEach(a -> result.add("ip:" + a.getHostAddress()));
    return result;
  }

  private static String normalised(String literal) {
    try {
      return InetAddress.getByName(literal)
          .getHostAddress(); // a literal address: no lookup is made
    } catch (java.net.UnknownHostException e) {
      return literal;
    }
  }

  /**
   * ECDSA P-256: small, quick to make, and read by every client we serve (Go's kubectl 1.20
   * included).
   */
  private static KeyPair newKeyPair() throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot make an EC key pair", e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }
}
