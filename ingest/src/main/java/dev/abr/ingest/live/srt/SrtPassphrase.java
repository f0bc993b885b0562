package dev.abr.ingest.live.srt;

import java.nio.charset.StandardCharsets;

/**
 * The secret an SRT caller encrypts with ({@code SRTO_PASSPHRASE}, the {@code passphrase} of an
 * {@code srt://} URL); libsrt derives the key-encrypting key from it with PBKDF2.
 *
 * <p>A secret: {@link #toString()} is redacted, so a passphrase put into a log line, an exception
 * message or a record's text by mistake shows as {@code SrtPassphrase[redacted]}. Only this package
 * reads it back, to hand it to libsrt. There is no {@code equals}.
 */
public final class SrtPassphrase {
  /** Shortest passphrase libsrt accepts, in bytes. */
  public static final int MIN_BYTES = 10;

  /** Longest passphrase libsrt accepts, in bytes. */
  public static final int MAX_BYTES = 79;

  private final byte[] utf8;

  private SrtPassphrase(byte[] utf8) {
    this.utf8 = utf8;
  }

  /**
   * Wraps {@code value}.
   *
   * @throws IllegalArgumentException when it is not {@value #MIN_BYTES} to {@value #MAX_BYTES}
   *     bytes of UTF-8 (the message does not contain the passphrase)
   */
  public static SrtPassphrase of(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "an SRT passphrase must be "
              + MIN_BYTES
              + " to "
              + MAX_BYTES
              + " bytes, got "
              + bytes.length);
    }
    return new SrtPassphrase(bytes);
  }

  /** The passphrase's UTF-8 bytes, a fresh array the caller should zero after use. */
  byte[] utf8() {
    return utf8.clone();
  }

  /** Always {@code SrtPassphrase[redacted]}. */
  @Override
  public String toString() {
    return "SrtPassphrase[redacted]";
  }
}
