package io.engram.remote;

import io.engram.bundle.MetaParameters;
import java.time.Instant;
import java.util.Objects;

/**
 * A verified bundle that arrived over the network.
 *
 * @param meta the meta-parameters
 * @param sha256 SHA-256 of the payload, hex
 * @param bytes payload size
 * @param received when it arrived
 */
public record DeliveredBundle(MetaParameters meta, String sha256, long bytes, Instant received) {

  public DeliveredBundle {
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(received, "received");
  }
}
