package dev.abr.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.s3.FaultInjectingRelay.Fault;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retries, back-off and timeouts against a real S3 server behind a relay that answers {@code 503
 * SlowDown} / {@code 500}, loses answers or stays silent for the first N requests.
 */
class S3RetryTest {
  @RegisterExtension static final S3TestServer S3 = new S3TestServer();

  /** 4 attempts, 20-500 ms back-off, 2 s per attempt, 10 s per call. */
  private static final S3RetryPolicy POLICY =
      new S3RetryPolicy(
          4,
          Duration.ofMillis(20),
          Duration.ofMillis(50),
          Duration.ofMillis(500),
          Duration.ofSeconds(2),
          Duration.ofSeconds(2),
          Duration.ofSeconds(10));

  private FaultInjectingRelay relay;
  private String bucket;

  @BeforeEach
  void startRelay() throws IOException {
    relay = new FaultInjectingRelay(S3.endpoint().getPort());
    bucket = S3.createBucket();
  }

  @AfterEach
  void stopRelay() throws IOException {
    relay.close();
  }

  private S3ObjectStore openThroughRelay(S3RetryPolicy policy) throws IOException {
    S3Location location =
        new S3Location(
            bucket,
            "p",
            Optional.of(URI.create("http://127.0.0.1:" + relay.port())),
            true,
            Optional.of("us-east-1"));
    return S3ObjectStore.open(location, S3.options().withRetryPolicy(policy));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putAtomically_firstThreeRequestsSlowDownOrFail_succeedsAfterRetries() throws IOException {
    try (S3ObjectStore store = openThroughRelay(POLICY)) {
      relay.failNext(3, Fault.SLOW_DOWN, Fault.INTERNAL_ERROR);

      store.putAtomically("out/main.m3u8", utf8("#EXTM3U\n"));

      assertThat(relay.faultsInjected()).isEqualTo(3);
      assertThat(store.read("out/main.m3u8")).isEqualTo(utf8("#EXTM3U\n"));
    }
  }

  @Test
  void read_firstRequestsFail_returnsTheObjectAfterRetries() throws IOException {
    try (S3ObjectStore store = openThroughRelay(POLICY)) {
      store.putAtomically("a.bin", utf8("payload"));
      relay.failNext(3, Fault.INTERNAL_ERROR, Fault.SLOW_DOWN);

      assertThat(store.read("a.bin")).isEqualTo(utf8("payload"));
      assertThat(relay.faultsInjected()).isEqualTo(3);
    }
  }

  @Test
  void read_moreFailuresThanAttempts_failsWithinTheCallTimeoutNamingTheAnswer() throws IOException {
    try (S3ObjectStore store = openThroughRelay(POLICY)) {
      store.putAtomically("a.bin", utf8("payload"));
      relay.failNext(1_000, Fault.SLOW_DOWN);
      long start = System.nanoTime();

      assertThatThrownBy(() -> store.read("a.bin"))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "S3 GetObject of s3://%s/p/a.bin (127.0.0.1:%d) failed after 4 attempts:"
                  + " 503 SlowDown: Please reduce your request rate.",
              bucket, relay.port());

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(POLICY.callTimeout());
      assertThat(relay.faultsInjected()).isEqualTo(4);
    }
  }

  @Test
  void exists_serverNeverAnswers_failsAfterAttemptTimeoutsWithinTheCallTimeout()
      throws IOException {
    S3RetryPolicy policy =
        new S3RetryPolicy(
            3,
            Duration.ofMillis(20),
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            Duration.ofMillis(500),
            Duration.ofSeconds(5));
    try (S3ObjectStore store = openThroughRelay(policy)) {
      relay.failNext(1_000, Fault.NO_ANSWER);
      long start = System.nanoTime();

      assertThatThrownBy(() -> store.exists("a.bin"))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("S3 HeadObject of s3://" + bucket + "/p/a.bin")
          .hasMessageContaining("failed after 3 attempts");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(policy.callTimeout());
      assertThat(relay.faultsInjected()).isEqualTo(3);
    }
  }

  @Test
  void putAtomically_failuresOutlastTheCallTimeout_failsAtTheCallTimeout() throws IOException {
    S3RetryPolicy policy =
        new S3RetryPolicy(
            20,
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(400),
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    try (S3ObjectStore store = openThroughRelay(policy)) {
      relay.failNext(1_000, Fault.SLOW_DOWN);
      long start = System.nanoTime();

      assertThatThrownBy(() -> store.putAtomically("a.bin", utf8("x")))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("S3 PutObject of s3://" + bucket + "/p/a.bin")
          .hasMessageContaining("call timeout");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(relay.faultsInjected()).isBetween(1, 19);
    }
  }

  @Test
  void putIfAbsent_createdButAnswerLost_stillReportsTheWin() throws IOException {
    try (S3ObjectStore store = openThroughRelay(POLICY)) {
      relay.failNext(1, Fault.ANSWER_LOST);

      assertThat(store.putIfAbsent("lock.json", utf8("mine"))).isTrue();

      assertThat(relay.faultsInjected()).isEqualTo(1);
      assertThat(store.read("lock.json")).isEqualTo(utf8("mine"));
      assertThat(store.putIfAbsent("lock.json", utf8("again"))).isFalse();
    }
  }
}
