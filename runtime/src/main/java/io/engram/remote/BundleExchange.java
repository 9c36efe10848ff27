package io.engram.remote;

import io.engram.bundle.BundleOrigin;
import io.engram.bundle.InvalidBundleException;
import io.engram.bundle.LoadedBundle;
import io.engram.bundle.MetaParameterBundle;
import io.engram.config.EngramConfig;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives meta-parameter bundles over the network and hands them to the session between trials.
 * A delivery is verified completely before it becomes pending: its size, then everything {@link
 * MetaParameterBundle#load} checks for a {@link BundleOrigin#NETWORK} bundle (a manifest is
 * required, its format version and network constants must fit the configuration, the SHA-256 of
 * every matrix must match it; every matrix's dtype, shape and values). The session takes the
 * pending bundle at a trial boundary with {@link #takePending()}, in one atomic step. A refused
 * delivery changes nothing: the running bundle stays and the refusal is answered.
 */
public final class BundleExchange {

  private static final Logger LOG = LoggerFactory.getLogger(BundleExchange.class);

  private final EngramConfig config;
  private final boolean requireLsg;
  private final long maxBytes;
  private final AtomicReference<DeliveredBundle> pending = new AtomicReference<>();
  private volatile String activeSha256;

  /**
   * @param config the configuration a bundle must fit (networks, task family)
   * @param requireLsg whether the learning rule needs the learning-signal generator
   * @param maxBytes largest payload accepted
   */
  public BundleExchange(EngramConfig config, boolean requireLsg, long maxBytes) {
    this.config = config;
    this.requireLsg = requireLsg;
    this.maxBytes = maxBytes;
  }

  /** The answer to a delivery, as published on {@code cmd/ack} with command {@code bundle}. */
  public Ack offer(byte[] payload) {
    String sha = sha256(payload);
    String id = "sha256:" + sha;
    if (payload.length == 0) {
      return refuse(id, "empty payload");
    }
    if (payload.length > maxBytes) {
      return refuse(id, "bundle of " + payload.length + " bytes exceeds the limit of " + maxBytes
          + " bytes (mqtt.bundle-max-bytes)");
    }
    LoadedBundle loaded;
    try {
      loaded = MetaParameterBundle.load(payload, "bundle", config, BundleOrigin.NETWORK, requireLsg);
    } catch (InvalidBundleException e) {
      return refuse(id, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return refuse(id, "unreadable bundle: " + e.getMessage());
    }
    DeliveredBundle bundle = new DeliveredBundle(loaded.parameters(), sha, payload.length, Instant.now());
    DeliveredBundle replaced = pending.getAndSet(bundle);
    if (replaced != null) {
      LOG.info("bundle {} replaces pending bundle {} before it was used", sha, replaced.sha256());
    }
    LOG.info("bundle {} ({} bytes) verified; it takes over at the next trial boundary", sha,
        payload.length);
    return new Ack(id, "bundle", CommandResult.success(Map.of(
        "sha256", sha, "bytes", payload.length, "swap", "at the next trial boundary")));
  }

  /**
   * Takes the verified bundle waiting to be used, if any (the session, between trials); it
   * becomes the active one.
   */
  public Optional<DeliveredBundle> takePending() {
    DeliveredBundle b = pending.getAndSet(null);
    if (b != null) {
      activeSha256 = b.sha256();
    }
    return Optional.ofNullable(b);
  }

  /** Whether a verified bundle waits for the next trial boundary. */
  public boolean hasPending() {
    return pending.get() != null;
  }

  /** SHA-256 of the bundle in use, when it came over the network or was declared. */
  public Optional<String> activeSha256() {
    return Optional.ofNullable(activeSha256);
  }

  /** Declares the bundle the session started with (e.g. read from a file). */
  public void active(byte[] bundleBytes) {
    activeSha256 = sha256(bundleBytes);
  }

  private Ack refuse(String id, String reason) {
    LOG.warn("bundle refused, the running one stays: {}", reason);
    return new Ack(id, "bundle", CommandResult.failure(ErrorCode.INVALID_BUNDLE, reason));
  }

  static String sha256(byte[] payload) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
