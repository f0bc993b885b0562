package dev.abr.ingest.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives each live stream's secret key from one server secret: {@code HMAC-SHA256(secret,
 * "abr-stream-key:" + id + ":" + generation)}, as 32 letters and digits. The key is the RTMP stream
 * key and the SRT passphrase. Nothing secret is stored with the streams: a stream's key is computed
 * when it is needed, and rotating it bumps its generation.
 */
public final class StreamKeys {
  /** Shortest server secret accepted, in bytes. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final int KEY_LENGTH = 32;

  private final SecretKeySpec secret;

  private StreamKeys(byte[] secret) {
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the stream secret needs at least "
              + MIN_SECRET_BYTES
              + " bytes; it has "
              + secret.length);
    }
    this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  /** Keys derived from {@code secret} (at least 32 bytes). */
  public static StreamKeys of(byte[] secret) {
    return new StreamKeys(secret);
  }

  /**
   * Keys from a base64 secret, as given in {@code ABR_STREAM_SECRET}.
   *
   * @throws IllegalArgumentException naming the variable when it is not base64 or too short
   */
  public static StreamKeys fromBase64(String base64, String what) {
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          what + " is not base64; make one with: openssl rand -base64 32");
    }
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          what
              + " decodes to "
              + secret.length
              + " bytes; it needs at least "
              + MIN_SECRET_BYTES
              + " (openssl rand -base64 32)");
    }
    return new StreamKeys(secret);
  }

  /**
   * Keys from the secret in {@code file}; a new random secret is written there first (readable by
   * its owner only) when the file does not exist.
   */
  public static StreamKeys loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] fresh = new byte[MIN_SECRET_BYTES];
      new SecureRandom().nextBytes(fresh);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".stream-secret", ".tmp");
      try {
        trySetOwnerOnly(temp);
        Files.write(temp, Base64.getEncoder().encode(fresh), StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    return fromBase64(
        Files.readString(file, StandardCharsets.US_ASCII), "the stream secret in " + file);
  }

  private static void trySetOwnerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the folder's permissions apply.
    }
  }

  /** The key of stream {@code id} at {@code generation}. */
  public String key(String id, int generation) {
    byte[] mac;
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(secret);
      mac =
          hmac.doFinal(
              ("abr-stream-key:" + id + ":" + generation).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
    char[] key = new char[KEY_LENGTH];
    for (int i = 0; i < KEY_LENGTH; i++) {
      key[i] = ALPHABET[(mac[i] & 0xff) % ALPHABET.length];
    }
    return new String(key);
  }

  /** Equal when the secrets are (compared in constant time). */
  @Override
  public boolean equals(Object other) {
    return other instanceof StreamKeys keys
        && java.security.MessageDigest.isEqual(secret.getEncoded(), keys.secret.getEncoded());
  }

  @Override
  public int hashCode() {
    return 1; // never hash the secret into something observable
  }

  @Override
  public String toString() {
    return "StreamKeys[secret redacted]";
  }
}
