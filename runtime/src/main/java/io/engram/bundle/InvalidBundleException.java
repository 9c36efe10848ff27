package io.engram.bundle;

import java.io.IOException;

/** A meta-parameter bundle that is unreadable, incomplete or does not fit the configuration. */
public final class InvalidBundleException extends IOException {

  public InvalidBundleException(String message) {
    super(message);
  }

  public InvalidBundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
