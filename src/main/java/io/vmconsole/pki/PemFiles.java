package io.vmconsole.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM text of certificates and keys, written and read (the files themselves: {@code
 * datadir.OwnerOnly}).
 */
final class PemFiles {

  private PemFiles() {}

  static String pem(X509Certificate certificate) {
    return write(certificate);
  }

  /** PKCS#8 ("PRIVATE KEY"), which Vert.x, Go's crypto/tls and OpenSSL all read. */
  static String pem(PrivateKey key) {
    try {
      return write(new JcaPKCS8Generator(key, null).generate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String write(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static X509Certificate readCertificate(Path file) throws IOException {
    Object object = parse(file);
    if (!(object instanceof X509CertificateHolder holder)) {
      throw new IOException(file + " holds no certificate");
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  static PrivateKey readPrivateKey(Path file) throws IOException {
    Object object = parse(file);
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    if (object instanceof PrivateKeyInfo info) {
      return converter.getPrivateKey(info);
    }
    if (object instanceof PEMKeyPair pair) {
      return converter.getKeyPair(pair).getPrivate();
    }
    throw new IOException(file + " holds no private key");
  }

  private static Object parse(Path file) throws IOException {
    try (PEMParser parser =
        new PEMParser(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
      return parser.readObject();
    }
  }
}
