package io.engram.bridge.link;

import java.io.IOException;

/** The link is closed, or its device vanished; it may come back (see {@link SerialPortLink}). */
public final class LinkDownException extends IOException {
  public LinkDownException(String message) {
    super(message);
  }

  public LinkDownException(String message, Throwable cause) {
    super(message, cause);
  }
}
