package dev.abr.s3;

/**
 * An explicit access key pair, for tests and for callers that hold credentials themselves;
 * production uses the AWS default chain instead (see {@link S3Options#credentials()}). Neither part
 * ever appears in {@link #toString()}, messages or logs.
 */
public record S3Credentials(String accessKeyId, String secretAccessKey) {
  /** Both parts must be non-blank. */
  public S3Credentials {
    if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
      throw new IllegalArgumentException("S3 access key id and secret must not be blank");
    }
  }

  /** Never shows the key id or the secret. */
  @Override
  public String toString() {
    return "S3Credentials[redacted]";
  }
}
