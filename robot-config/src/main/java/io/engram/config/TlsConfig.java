package io.engram.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS to the MQTT broker.
 *
 * @param caFile PEM file of the CA that signed the broker's certificate
 * @param certFile client certificate (PEM) for mutual TLS
 * @param keyFile client private key (PEM) for mutual TLS; given together with {@code certFile}
 */
public record TlsConfig(Path caFile, Optional<Path> certFile, Optional<Path> keyFile) {

  public TlsConfig {
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
  }
}
