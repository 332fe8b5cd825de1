package io.vmconsole.pki;

import io.vmconsole.datadir.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code vmconsole.https.self-signed=true}: the console serves HTTPS with a certificate its own CA
 * issues (the CA that signs the embedded API's), kept in the data directory and reused across
 * restarts while it covers the same names and is not near its end. With HTTPS the session cookie is
 * {@code Secure} (Tomcat marks it so on secure requests) and Spring Security sends {@code
 * Strict-Transport-Security}.
 */
@Component
@ConditionalOnProperty(name = "vmconsole.https.self-signed", havingValue = "true")
@EnableConfigurationProperties(HttpsProperties.class)
class SelfSignedHttps implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> {
  static final String NAME = "console";
  private static final Logger log = LoggerFactory.getLogger(SelfSignedHttps.class);
  private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9.]+|.*:.*");

  private final Path pki;
  private final HttpsProperties https;

  SelfSignedHttps(DataDirectory data, HttpsProperties https) {
    this.pki = data.resolve("pki");
    this.https = https;
  }

  @Override
  public void customize(ConfigurableServletWebServerFactory factory) {
    List<String> names = new ArrayList<>();
    List<InetAddress> addresses = new ArrayList<>();
    try {
      for (String host : hosts()) {
        if (ADDRESS_LITERAL.matcher(host).matches()) {
          addresses.add(InetAddress.getByName(host)); // a literal: no lookup
        } else {
          names.add(host);
        }
      }
      CertificateAuthority ca =
          CertificateAuthority.loadOrCreate(pki, "vm-console CA", Clock.systemUTC());
      ca.servingCertificate(NAME, names, addresses);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot issue the console's HTTPS certificate in " + pki, e);
    }
    Ssl ssl = new Ssl();
    ssl.setEnabled(true);
    ssl.setCertificate("file:" + pki.resolve(NAME + ".crt"));
    ssl.setCertificatePrivateKey("file:" + pki.resolve(NAME + ".key"));
    factory.setSsl(ssl);
    log.info(
        "Serving HTTPS with {} (for {} {}), issued by the CA in {}; browsers trust it once told to trust {}",
        pki.resolve(NAME + ".crt"),
        names,
        addresses.stream().map(InetAddress::getHostAddress).toList(),
        pki.resolve("ca.crt"),
        pki.resolve("ca.crt"));
  }

  private Set<String> hosts() {
    Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
    try {
      hosts.add(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      // No name of its own: localhost and the configured names will do.
    }
    hosts.addAll(https.hosts());
    return hosts;
  }
}
