package dev.abr.s3;

import java.util.Optional;

/**
 * How an {@link S3ObjectStore} talks to S3, beyond where ({@link S3Location}).
 *
 * @param credentials an explicit key pair, or empty to use the AWS default credential chain
 *     (environment, Java system properties, web identity, profile, container, instance role)
 * @param retryPolicy attempts, back-off and timeouts of every call
 * @param multipartThresholdBytes files larger than this are uploaded in parts by {@link
 *     S3ObjectStore#putFileAtomically}; byte arrays always go in one {@code PutObject}
 * @param partSizeBytes size of each uploaded part but the last, 5 MiB to 5 GiB (S3's limits); grown
 *     when a file would need more than 10 000 parts
 */
public record S3Options(
    Optional<S3Credentials> credentials,
    S3RetryPolicy retryPolicy,
    long multipartThresholdBytes,
    long partSizeBytes) {
  /** S3's smallest part (all parts but the last). */
  public static final long MIN_PART_SIZE_BYTES = 5L << 20;

  /** S3's largest part. */
  public static final long MAX_PART_SIZE_BYTES = 5L << 30;

  /** Checks the sizes against S3's multipart limits. */
  public S3Options {
    if (multipartThresholdBytes < 1) {
      throw new IllegalArgumentException(
          "multipartThresholdBytes must be positive: " + multipartThresholdBytes);
    }
    if (partSizeBytes < MIN_PART_SIZE_BYTES || partSizeBytes > MAX_PART_SIZE_BYTES) {
      throw new IllegalArgumentException(
          "partSizeBytes must be 5 MiB to 5 GiB (S3 multipart limits): " + partSizeBytes);
    }
  }

  /** Default chain credentials, {@link S3RetryPolicy#defaults()}, 16 MiB threshold, 8 MiB parts. */
  public static S3Options defaults() {
    return new S3Options(Optional.empty(), S3RetryPolicy.defaults(), 16L << 20, 8L << 20);
  }

  /** These options with an explicit key pair. */
  public S3Options withCredentials(S3Credentials newCredentials) {
    return new S3Options(
        Optional.of(newCredentials), retryPolicy, multipartThresholdBytes, partSizeBytes);
  }

  /** These options with another retry policy. */
  public S3Options withRetryPolicy(S3RetryPolicy newRetryPolicy) {
    return new S3Options(credentials, newRetryPolicy, multipartThresholdBytes, partSizeBytes);
  }

  /** These options with other multipart sizes. */
  public S3Options withMultipart(long newThresholdBytes, long newPartSizeBytes) {
    return new S3Options(credentials, retryPolicy, newThresholdBytes, newPartSizeBytes);
  }
}
