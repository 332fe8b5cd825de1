package io.vmconsole.pki;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * HTTPS for the console's own pages, without bringing a certificate ({@code server.ssl.*} takes one
 * that is brought).
 *
 * @param selfSigned serve HTTPS with a certificate the console's CA ({@code <data>/pki/ca.crt},
 *     which browsers can be told to trust) issues into {@code <data>/pki/console.crt}, kept across
 *     restarts
 * @param hosts further names and addresses the certificate covers, besides {@code localhost}, the
 *     loopback addresses and this machine's host name
 */
@ConfigurationProperties("vmconsole.https")
public record HttpsProperties(boolean selfSigned, List<String> hosts) {
  public HttpsProperties {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
  }
}
