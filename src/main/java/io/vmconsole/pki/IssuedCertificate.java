package io.vmconsole.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate our CA signed, with its private key. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {

  public String certificatePem() {
    return PemFiles.pem(certificate);
  }

  public String privateKeyPem() {
    return PemFiles.pem(privateKey);
  }
}
