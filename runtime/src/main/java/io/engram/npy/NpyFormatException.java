package io.engram.npy;

import java.io.IOException;

/** An {@code .npy} or {@code .npz} input that is malformed, truncated or of an unsupported kind. */
public final class NpyFormatException extends IOException {

  public NpyFormatException(String message) {
    super(message);
  }

  public NpyFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
