package dev.abr.s3;

import dev.abr.core.storage.ObjectStore;
import dev.abr.core.storage.StorageKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An {@link ObjectStore} in an S3 bucket under a key prefix, on the AWS SDK for Java v2 (AWS S3 or
 * any S3-compatible server). Store key {@code k} is object {@code prefix/k}.
 *
 * <ul>
 *   <li>Atomic publish is one {@code PutObject}: S3 makes an object visible whole or not at all.
 *       {@link #putFileAtomically} uploads files above {@link S3Options#multipartThresholdBytes()}
 *       in parts; the object appears only when the upload completes, and a failed upload is
 *       aborted.
 *   <li>{@link #putIfAbsent} is a {@code PutObject} with {@code If-None-Match: *} (S3 conditional
 *       write): the server refuses with {@code 412} if the key exists.
 *   <li>Ranged reads are {@code GET}s with a {@code Range} header.
 *   <li>{@link #list} pages through {@code ListObjectsV2} (1 000 keys a page) and sorts.
 *   <li>Every call is bounded by the {@link S3RetryPolicy}: retried on {@code 5xx}, throttling and
 *       connection failures, with exponential back-off and jitter, within an attempt and a call
 *       timeout; then it fails with an {@link IOException} whose message names the call, the object
 *       and S3's answer. A missing object is a {@link NoSuchFileException} as in the local store.
 * </ul>
 *
 * <p>Thread-safe; holds an HTTP connection pool, so {@link #close} it when done.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
  /** S3's longest object key, in UTF-8 bytes (store keys are ASCII). */
  private static final int MAX_OBJECT_KEY_CHARS = 1024;

  /** S3's largest number of parts in one multipart upload. */
  private static final long MAX_PARTS = 10_000;

  /** User metadata naming the writer of a conditional create, to recognise our own retried win. */
  private static final String WRITER_METADATA = "abr-writer";

  private final S3Client client;
  private final S3Location location;
  private final S3Options options;

  private S3ObjectStore(S3Client client, S3Location location, S3Options options) {
    this.client = client;
    this.location = location;
    this.options = options;
  }

  /**
   * Connects to {@code location} and checks that its bucket exists and that the credentials may use
   * it ({@code HeadBucket}), so a misconfigured store fails at start-up.
   *
   * @throws IOException with a one-line message: no credentials found, endpoint unreachable, bucket
   *     missing, access denied; never containing a credential
   */
  public static S3ObjectStore open(S3Location location, S3Options options) throws IOException {
    S3Client client = client(location, options);
    try {
      checkBucket(client, location);
      return new S3ObjectStore(client, location, options);
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /**
   * A client for {@code location}'s endpoint, region and addressing, with {@code options}' retry
   * policy, after checking that credentials can be found; nothing is sent to S3 yet. The caller
   * closes it.
   *
   * @throws IOException with a one-line message naming {@code location} and the fix when no
   *     credentials are found
   */
  static S3Client client(S3Location location, S3Options options) throws IOException {
    AwsCredentialsProvider credentials = credentialsProvider(options);
    try {
      credentials.resolveCredentials();
    } catch (SdkClientException e) {
      throw new IOException(
          "no AWS credentials found for "
              + location.describe()
              + ": set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile (AWS_PROFILE),"
              + " or run with a container or instance role",
          e);
    }
    return buildClient(location, options, credentials);
  }

  private static AwsCredentialsProvider credentialsProvider(S3Options options) {
    return options
        .credentials()
        .<AwsCredentialsProvider>map(
            c ->
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }

  private static S3Client buildClient(
      S3Location location, S3Options options, AwsCredentialsProvider credentials) {
    S3RetryPolicy policy = options.retryPolicy();
    RetryStrategy retry =
        AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(policy.maxAttempts())
            // Full jitter: each wait is uniform in [0, min(maxBackoff, base * 2^retry)].
            .backoffStrategy(
                BackoffStrategy.exponentialDelay(policy.baseDelay(), policy.maxBackoff()))
            .throttlingBackoffStrategy(
                BackoffStrategy.exponentialDelay(policy.throttlingBaseDelay(), policy.maxBackoff()))
            .build();
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(
                Apache5HttpClient.builder()
                    .connectionTimeout(policy.connectTimeout())
                    .socketTimeout(policy.attemptTimeout()))
            .credentialsProvider(credentials)
            .region(region(location))
            .forcePathStyle(location.pathStyle())
            .overrideConfiguration(
                o ->
                    o.retryStrategy(retry)
                        .apiCallAttemptTimeout(policy.attemptTimeout())
                        .apiCallTimeout(policy.callTimeout()));
    location.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static Region region(S3Location location) {
    if (location.region().isPresent()) {
      return Region.of(location.region().get());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      return Region.US_EAST_1;
    }
  }

  private static void checkBucket(S3Client client, S3Location location) throws IOException {
    try {
      client.headBucket(b -> b.bucket(location.bucket()));
    } catch (SdkException e) {
      String bucket = "S3 bucket \"" + location.bucket() + "\" at " + location.host();
      throw new IOException(
          switch (S3Errors.status(e)) {
            case 404 -> bucket + " does not exist: create it or fix the storage URL";
            case 403, 401 ->
                bucket
                    + " refused access ("
                    + S3Errors.status(e)
                    + "): check the credentials and the bucket policy";
            case 301, 400 ->
                bucket
                    + " answered "
                    + S3Errors.status(e)
                    + ": is the region right? (set region=... in the storage URL)";
            case 0 ->
                "cannot reach S3 endpoint "
                    + location.host()
                    + " for bucket \""
                    + location.bucket()
                    + "\": "
                    + S3Errors.detail(e);
            default -> bucket + " cannot be used: " + S3Errors.detail(e);
          },
          e);
    }
  }

  /** Where this store lives. */
  public S3Location location() {
    return location;
  }

  @Override
  public void putAtomically(String key, byte[] bytes) throws IOException {
    String objectKey = objectKey(key);
    try {
      client.putObject(
          b -> b.bucket(location.bucket()).key(objectKey).contentType(contentType(key)),
          RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw S3Errors.failure("PutObject", describe(objectKey), e);
    }
  }

  @Override
  public void putFileAtomically(String key, Path source) throws IOException {
    String objectKey = objectKey(key);
    long sizeBytes = Files.size(source); // NoSuchFileException before any request
    if (sizeBytes <= options.multipartThresholdBytes()) {
      try {
        client.putObject(
            b -> b.bucket(location.bucket()).key(objectKey).contentType(contentType(key)),
            RequestBody.fromFile(source));
      } catch (SdkException e) {
        throw S3Errors.failure("PutObject", describe(objectKey), e);
      }
    } else {
      putInParts(key, objectKey, source, sizeBytes);
    }
  }

  /**
   * Uploads {@code source} in parts. The object appears only at {@code CompleteMultipartUpload}; on
   * failure the upload is aborted so no parts are left behind (a bucket lifecycle rule for
   * incomplete uploads covers a process that dies in between).
   */
  private void putInParts(String key, String objectKey, Path source, long sizeBytes)
      throws IOException {
    long partSizeBytes =
        Math.max(options.partSizeBytes(), Math.ceilDiv(sizeBytes, MAX_PARTS)); // S3: 10 000 parts
    String uploadId;
    try {
      uploadId =
          client
              .createMultipartUpload(
                  b ->
                      b.bucket(location.bucket())
                          .key(objectKey)
                          .contentType(contentType(key))
                          .checksumAlgorithm(ChecksumAlgorithm.CRC32))
              .uploadId();
    } catch (SdkException e) {
      throw S3Errors.failure("CreateMultipartUpload", describe(objectKey), e);
    }
    try (InputStream in = Files.newInputStream(source)) {
      List<CompletedPart> parts = new ArrayList<>();
      for (long offset = 0; offset < sizeBytes; offset += partSizeBytes) {
        // One part in memory at a time: a byte array body can be re-sent on retry as is.
        byte[] part = in.readNBytes((int) Math.min(partSizeBytes, sizeBytes - offset));
        if (part.length == 0) {
          throw new IOException("file " + source + " shrank while it was uploaded");
        }
        int partNumber = parts.size() + 1;
        UploadPartResponse uploaded;
        try {
          uploaded =
              client.uploadPart(
                  b ->
                      b.bucket(location.bucket())
                          .key(objectKey)
                          .uploadId(uploadId)
                          .partNumber(partNumber)
                          .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                  RequestBody.fromBytes(part));
        } catch (SdkException e) {
          throw S3Errors.failure("UploadPart " + partNumber, describe(objectKey), e);
        }
        parts.add(
            CompletedPart.builder()
                .partNumber(partNumber)
                .eTag(uploaded.eTag())
                .checksumCRC32(uploaded.checksumCRC32())
                .build());
      }
      try {
        client.completeMultipartUpload(
            b ->
                b.bucket(location.bucket())
                    .key(objectKey)
                    .uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
      } catch (SdkException e) {
        throw S3Errors.failure("CompleteMultipartUpload", describe(objectKey), e);
      }
    } catch (IOException | RuntimeException e) {
      abort(objectKey, uploadId, e);
      throw e;
    }
  }

  private void abort(String objectKey, String uploadId, Exception failure) {
    try {
      client.abortMultipartUpload(
          b -> b.bucket(location.bucket()).key(objectKey).uploadId(uploadId));
    } catch (SdkException e) {
      failure.addSuppressed(S3Errors.failure("AbortMultipartUpload", describe(objectKey), e));
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>A {@code PutObject} with {@code If-None-Match: *}. The request carries a random writer id in
   * user metadata: if the SDK retried a create whose first attempt did succeed (answer lost), the
   * retry gets {@code 412}, and the id tells that the object is ours after all. A {@code 409}
   * (another conditional write to the key in flight) is tried again up to the policy's attempts.
   */
  @Override
  public boolean putIfAbsent(String key, byte[] bytes) throws IOException {
    String objectKey = objectKey(key);
    String writer = UUID.randomUUID().toString();
    for (int attempt = 1; ; attempt++) {
      try {
        client.putObject(
            b ->
                b.bucket(location.bucket())
                    .key(objectKey)
                    .contentType(contentType(key))
                    .metadata(Map.of(WRITER_METADATA, writer))
                    .ifNoneMatch("*"),
            RequestBody.fromBytes(bytes));
        return true;
      } catch (SdkException e) {
        int status = S3Errors.status(e);
        if (status == 412) {
          return writtenBy(objectKey, writer);
        }
        if (status != 409 || attempt >= options.retryPolicy().maxAttempts()) {
          throw S3Errors.failure("PutObject If-None-Match", describe(objectKey), e);
        }
      }
    }
  }

  private boolean writtenBy(String objectKey, String writer) throws IOException {
    try {
      HeadObjectResponse head = client.headObject(b -> b.bucket(location.bucket()).key(objectKey));
      return writer.equals(head.metadata().get(WRITER_METADATA));
    } catch (SdkException e) {
      if (S3Errors.status(e) == 404) {
        return false; // created by another writer and already deleted: not ours either way
      }
      throw S3Errors.failure("HeadObject", describe(objectKey), e);
    }
  }

  @Override
  public byte[] read(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      return client
          .getObjectAsBytes(b -> b.bucket(location.bucket()).key(objectKey))
          .asByteArrayUnsafe();
    } catch (SdkException e) {
      throw readFailure("GetObject", key, objectKey, e);
    }
  }

  @Override
  public byte[] read(String key, long offsetBytes, int lengthBytes) throws IOException {
    if (offsetBytes < 0 || lengthBytes < 0) {
      throw new IllegalArgumentException(
          "range must not be negative: offset " + offsetBytes + ", length " + lengthBytes);
    }
    String objectKey = objectKey(key);
    if (lengthBytes == 0) {
      size(key); // HTTP cannot ask for zero bytes; still a missing object must throw
      return new byte[0];
    }
    // RFC 9110 §14.1.2: last-byte-pos is inclusive.
    long lastByte =
        offsetBytes > Long.MAX_VALUE - lengthBytes ? Long.MAX_VALUE : offsetBytes + lengthBytes - 1;
    String range = "bytes=" + offsetBytes + "-" + lastByte;
    ResponseBytes<GetObjectResponse> bytes;
    try {
      bytes = client.getObjectAsBytes(b -> b.bucket(location.bucket()).key(objectKey).range(range));
    } catch (SdkException e) {
      if (S3Errors.status(e) == 416) {
        return new byte[0]; // the object exists and offsetBytes is at or past its end
      }
      throw readFailure("GetObject", key, objectKey, e);
    }
    byte[] body = bytes.asByteArrayUnsafe();
    if (bytes.response().contentRange() == null && body.length > lengthBytes) {
      // The server ignored Range and sent the whole object: cut the slice out ourselves.
      int from = (int) Math.min(offsetBytes, body.length);
      return Arrays.copyOfRange(body, from, (int) Math.min(body.length, from + (long) lengthBytes));
    }
    return body;
  }

  @Override
  public InputStream open(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      return client.getObject(b -> b.bucket(location.bucket()).key(objectKey));
    } catch (SdkException e) {
      throw readFailure("GetObject", key, objectKey, e);
    }
  }

  @Override
  public boolean exists(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      client.headObject(b -> b.bucket(location.bucket()).key(objectKey));
      return true;
    } catch (SdkException e) {
      if (S3Errors.status(e) == 404) {
        return false;
      }
      throw S3Errors.failure("HeadObject", describe(objectKey), e);
    }
  }

  @Override
  public long size(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      return client.headObject(b -> b.bucket(location.bucket()).key(objectKey)).contentLength();
    } catch (SdkException e) {
      throw readFailure("HeadObject", key, objectKey, e);
    }
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    String folder =
        prefix.isEmpty()
            ? ""
            : StorageKeys.check(
                    prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix)
                + "/";
    String base = location.prefix().isEmpty() ? "" : location.prefix() + "/";
    List<String> keys = new ArrayList<>();
    try {
      for (S3Object object :
          client
              .listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(base + folder))
              .contents()) {
        String key = object.key().substring(base.length());
        if (!key.isEmpty() && !key.endsWith("/")) { // skip "folder" marker objects
          keys.add(key);
        }
      }
    } catch (SdkException e) {
      throw S3Errors.failure("ListObjectsV2", describe(base + folder), e);
    }
    keys.sort(null);
    return keys;
  }

  @Override
  public void delete(String key) throws IOException {
    String objectKey = objectKey(key);
    try {
      client.deleteObject(b -> b.bucket(location.bucket()).key(objectKey));
    } catch (SdkException e) {
      throw S3Errors.failure("DeleteObject", describe(objectKey), e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Downloads the object to a new temporary folder (named like the key's last part, so tools
   * that look at file extensions still can); closing deletes it.
   */
  @Override
  public LocalFile localFile(String key) throws IOException {
    String objectKey = objectKey(key);
    Path folder = Files.createTempDirectory("abr-s3-");
    Path file = folder.resolve(objectKey.substring(objectKey.lastIndexOf('/') + 1));
    try {
      try (ResponseInputStream<GetObjectResponse> in =
          client.getObject(b -> b.bucket(location.bucket()).key(objectKey))) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      } catch (SdkException e) {
        throw readFailure("GetObject", key, objectKey, e);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      Files.deleteIfExists(folder);
      throw e;
    }
    return new LocalFile() {
      @Override
      public Path path() {
        return file;
      }

      @Override
      public void close() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(folder);
      }
    };
  }

  /** {@code s3://bucket/prefix (host)}; never a credential. */
  @Override
  public String describe() {
    return location.describe();
  }

  /** Closes the HTTP connection pool. */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "S3ObjectStore[" + describe() + "]";
  }

  private String objectKey(String key) {
    String objectKey = location.objectKey(key);
    if (objectKey.length() > MAX_OBJECT_KEY_CHARS) {
      throw new IllegalArgumentException(
          "storage key "
              + key
              + " with prefix "
              + location.prefix()
              + " is longer than S3's 1024-byte limit");
    }
    return objectKey;
  }

  private String describe(String objectKey) {
    return "s3://" + location.bucket() + "/" + objectKey + " (" + location.host() + ")";
  }

  private IOException readFailure(String action, String key, String objectKey, SdkException e) {
    if (S3Errors.status(e) == 404) {
      NoSuchFileException missing = new NoSuchFileException(key, null, describe(objectKey));
      missing.initCause(e);
      return missing;
    }
    return S3Errors.failure(action, describe(objectKey), e);
  }

  /** A content type for objects served straight from the bucket (CDN, origin). */
  private static String contentType(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    String extension = name.substring(name.lastIndexOf('.') + 1);
    return switch (extension) {
      case "m3u8" -> "application/vnd.apple.mpegurl"; // RFC 8216 §4
      case "mpd" -> "application/dash+xml"; // ISO/IEC 23009-1 Annex C
      case "m4s" -> "video/iso.segment";
      case "mp4" -> "video/mp4";
      case "json" -> "application/json";
      default -> "application/octet-stream";
    };
  }
}
