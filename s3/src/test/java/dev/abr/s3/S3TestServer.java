package dev.abr.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: s3proxy in-process on 127.0.0.1 and an ephemeral port, with the
 * filesystem backend under a temporary folder and SigV4 authentication. One server per test JVM,
 * shared by every test class that registers this extension and stopped (its folder deleted) when
 * the run ends. Each test makes its own bucket, so tests do not see each other's objects.
 *
 * <p>Listings hide s3proxy's own in-flight temporary files ({@link HidingTemporaryFilesBlobStore}).
 *
 * <pre>
 * &#64;RegisterExtension static final S3TestServer S3 = new S3TestServer();
 * </pre>
 */
public final class S3TestServer implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(S3TestServer.class);

  /**
   * Fast retries for tests: 4 attempts, 20 ms (throttling 50 ms) doubling up to 500 ms, generous
   * timeouts for a loaded 2-core machine.
   */
  public static final S3RetryPolicy TEST_RETRY_POLICY =
      new S3RetryPolicy(
          4,
          Duration.ofMillis(20),
          Duration.ofMillis(50),
          Duration.ofMillis(500),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofSeconds(60));

  private @Nullable Running running;

  /** A handle; the server starts with the first test class that registers one. */
  public S3TestServer() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    running =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(Running.class, type -> Running.start(), Running.class);
  }

  private Running running() {
    if (running == null) {
      throw new IllegalStateException("register S3TestServer with @RegisterExtension on a static");
    }
    return running;
  }

  /** The server's endpoint, {@code http://127.0.0.1:port}. */
  public URI endpoint() {
    return running().endpoint;
  }

  /** The key pair the server accepts. */
  public S3Credentials credentials() {
    return running().credentials;
  }

  /** A client with full access, for set-up and for looking behind a store's back. */
  public S3Client admin() {
    return running().admin;
  }

  /** Creates a new, empty bucket with a unique name and returns the name. */
  public String createBucket() {
    String bucket = "test-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    admin().createBucket(b -> b.bucket(bucket));
    return bucket;
  }

  /** {@code bucket/prefix} on this server, path-style. */
  public S3Location location(String bucket, String prefix) {
    return new S3Location(bucket, prefix, Optional.of(endpoint()), true, Optional.of("us-east-1"));
  }

  /** The server's credentials and {@link #TEST_RETRY_POLICY}. */
  public S3Options options() {
    return S3Options.defaults().withCredentials(credentials()).withRetryPolicy(TEST_RETRY_POLICY);
  }

  /** Opens a store on {@code bucket/prefix} with {@link #options()}. */
  public S3ObjectStore open(String bucket, String prefix) throws IOException {
    return S3ObjectStore.open(location(bucket, prefix), options());
  }

  /** The running server; closed by JUnit when the root context closes, at the end of the run. */
  private static final class Running implements AutoCloseable {
    private final S3Proxy proxy;
    private final Path folder;
    private final URI endpoint;
    private final S3Credentials credentials;
    private final S3Client admin;

    private Running(S3Proxy proxy, Path folder, S3Credentials credentials) {
      this.proxy = proxy;
      this.folder = folder;
      this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
      this.credentials = credentials;
      this.admin =
          S3Client.builder()
              .httpClientBuilder(Apache5HttpClient.builder())
              .endpointOverride(endpoint)
              .forcePathStyle(true)
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(
                          credentials.accessKeyId(), credentials.secretAccessKey())))
              .build();
    }

    static Running start() {
      try {
        Path folder = Files.createTempDirectory("abr-s3proxy-");
        S3Credentials credentials =
            new S3Credentials("test-" + UUID.randomUUID(), "secret-" + UUID.randomUUID());
        S3Proxy proxy =
            S3Proxy.builder()
                .blobStore(
                    new HidingTemporaryFilesBlobStore(
                        new FilesystemNio2BlobStore(folder.toString())))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(
                    AuthenticationType.AWS_V4,
                    credentials.accessKeyId(),
                    credentials.secretAccessKey())
                .build();
        proxy.start(); // Jetty's start() returns once the connector listens
        if (!"STARTED".equals(proxy.getState())) {
          throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
        }
        return new Running(proxy, folder, credentials);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException("cannot start s3proxy", e);
      }
    }

    @Override
    public void close() throws Exception {
      admin.close();
      proxy.stop();
      deleteTree(folder);
    }

    private static void deleteTree(Path root) throws IOException {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e)
                throws IOException {
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    }
  }
}
