package dev.abr.s3;

import dev.abr.core.storage.StorageKeys;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A media file that is an object in S3 or an S3-compatible server.
 *
 * @param bucket the bucket and how to reach it (endpoint, path style, region), with an empty prefix
 * @param key the object key: {@code /}-separated parts of {@code A-Z a-z 0-9 _ . -} ({@link
 *     StorageKeys#check})
 * @param text the URL as given, with its parameters
 */
public record S3Input(S3Location bucket, String key, String text) implements InputLocation {
  /** Checks that the bucket location has no prefix and the key is a valid storage key. */
  public S3Input {
    if (!bucket.prefix().isEmpty()) {
      throw new IllegalArgumentException("the bucket location of an S3 input has no key prefix");
    }
    try {
      StorageKeys.check(key);
    } catch (IllegalArgumentException e) {
      // Not echoed: a key that breaks the rules may be a mistyped URL with something secret in it.
      throw new IllegalArgumentException(
          "the object key of an s3:// input must be parts of A-Z a-z 0-9 _ . - separated by /,"
              + " none empty or starting with a dot",
          e);
    }
  }

  /**
   * Parses {@code s3://bucket/key?endpoint=...&pathStyle=...&region=...} (parameters as in {@link
   * StorageLocation#parse}).
   *
   * @throws IllegalArgumentException with a one-line message that never echoes user info or
   *     parameter values
   */
  static S3Input parse(String text) {
    if (text.indexOf('#') >= 0) {
      throw new IllegalArgumentException("an s3:// input must not have a #fragment");
    }
    String rest = text.substring("s3://".length());
    int queryStart = rest.indexOf('?');
    String query = queryStart < 0 ? "" : rest.substring(queryStart);
    String path = queryStart < 0 ? rest : rest.substring(0, queryStart);
    int keyStart = path.indexOf('/');
    String key = keyStart < 0 ? "" : path.substring(keyStart + 1);
    String bucketPart = keyStart < 0 ? path : path.substring(0, keyStart);
    S3Location bucket = S3Location.parse("s3://" + bucketPart + query);
    if (key.isEmpty()) {
      throw new IllegalArgumentException(
          "an s3:// input names an object: write s3://bucket/path/to/file.mp4");
    }
    return new S3Input(bucket, key, text);
  }

  /** {@code s3://bucket/key (host)}: no parameters, never a credential. */
  @Override
  public String describe() {
    return url() + " (" + bucket.host() + ")";
  }

  /** {@code s3://bucket/key}. */
  public String url() {
    return "s3://" + bucket.bucket() + "/" + key;
  }

  /** The last part of the key, for example {@code clip.mp4}. */
  public String fileName() {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  /**
   * Downloads the object to {@code target}, replacing any file there; a failed download leaves no
   * file behind. One {@code GetObject}, retried as {@code options}' retry policy says. Needs only
   * {@code s3:GetObject} on the object (no {@code HeadBucket}, so no {@code s3:ListBucket}).
   *
   * @throws NoSuchFileException if S3 answers 404 (no such object or bucket)
   * @throws AccessDeniedException if S3 answers 401 or 403 (access denied, bad credentials, or a
   *     missing object in a bucket the credentials may not list)
   * @throws IOException otherwise: no credentials found, endpoint unreachable, S3 failing; every
   *     message is one line naming the object and never a credential
   */
  public void download(Path target, S3Options options) throws IOException {
    try (S3Client client = S3ObjectStore.client(bucket, options)) {
      try (ResponseInputStream<GetObjectResponse> in =
          client.getObject(b -> b.bucket(bucket.bucket()).key(key))) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (SdkException e) {
        throw switch (S3Errors.status(e)) {
          case 404 ->
              withCause(
                  new NoSuchFileException(
                      describe(),
                      null,
                      "no such object ("
                          + S3Errors.detail(e)
                          + "): check the bucket and key, or upload the file first"),
                  e);
          case 401, 403 ->
              withCause(
                  new AccessDeniedException(
                      describe(),
                      null,
                      "access denied ("
                          + S3Errors.detail(e)
                          + "): give the ingest's AWS credentials s3:GetObject on the object"
                          + " (S3 also answers 403 for a missing object when they may not list"
                          + " the bucket)"),
                  e);
          default -> S3Errors.failure("GetObject", describe(), e);
        };
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(target);
      throw e;
    }
  }

  private static IOException withCause(IOException exception, Throwable cause) {
    exception.initCause(cause);
    return exception;
  }

  @Override
  public String toString() {
    return "S3Input[" + describe() + "]";
  }
}
