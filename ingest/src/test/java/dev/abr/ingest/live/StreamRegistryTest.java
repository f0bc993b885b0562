package dev.abr.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.storage.LocalObjectStore;
import dev.abr.ingest.live.rtmp.Authorization;
import dev.abr.ingest.live.rtmp.PublishRequest;
import dev.abr.ingest.live.rtmp.RefusalReason;
import dev.abr.ingest.live.rtmp.StreamKey;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamRegistryTest {
  private static final Instant T0 = Instant.parse("2026-11-27T06:00:00Z");
  private static final StreamKeys KEYS =
      StreamKeys.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 50000);

  @TempDir Path folder;

  private final MutableClock clock = new MutableClock(T0);

  private StreamRegistry open() {
    try {
      return StreamRegistry.open(new LocalObjectStore(folder), KEYS, clock);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static LiveStreamConfig stream(String id) {
    return LiveStreamConfig.of(
        id, "Studio " + id, LadderDocuments.builtIn(LadderDocuments.SMALL), T0);
  }

  private static Authorization publish(StreamRegistry registry, String app, String key) {
    return registry.authorize(new PublishRequest(app, StreamKey.of(key), PEER));
  }

  @Test
  void createdKey_isGrantedAsThePublicStreamId() {
    StreamRegistry registry = open();
    String key = registry.create(stream("studio-a")).key();

    assertThat(publish(registry, "live", key)).isEqualTo(new Authorization.Granted("studio-a"));
  }

  @Test
  void unknownKey_isRefused() {
    StreamRegistry registry = open();
    registry.create(stream("studio-a"));

    assertThat(publish(registry, "live", "not-a-key"))
        .isEqualTo(new Authorization.Refused(RefusalReason.UNKNOWN_KEY));
  }

  @Test
  void rightKeyOnAnotherApplication_isRefused() {
    StreamRegistry registry = open();
    String key = registry.create(stream("studio-a")).key();

    assertThat(publish(registry, "vod", key))
        .isEqualTo(new Authorization.Refused(RefusalReason.WRONG_APP));
  }

  @Test
  void rotatedKey_refusesTheOldKeyAndGrantsTheNewOne() {
    StreamRegistry registry = open();
    String old = registry.create(stream("studio-a")).key();

    String fresh = registry.rotateKey("studio-a").orElseThrow().key();

    assertThat(fresh).isNotEqualTo(old);
    assertThat(publish(registry, "live", old)).isInstanceOf(Authorization.Refused.class);
    assertThat(publish(registry, "live", fresh)).isEqualTo(new Authorization.Granted("studio-a"));
  }

  @Test
  void deletedStream_keyStopsWorking() {
    StreamRegistry registry = open();
    String key = registry.create(stream("studio-a")).key();

    assertThat(registry.delete("studio-a")).isTrue();

    assertThat(publish(registry, "live", key)).isInstanceOf(Authorization.Refused.class);
    assertThat(registry.find("studio-a")).isEmpty();
  }

  @Test
  void streamsSurviveReopening_withTheSameKeys() {
    String key = open().create(stream("studio-a")).key();

    StreamRegistry reopened = open();

    assertThat(reopened.list()).extracting(LiveStreamConfig::id).containsExactly("studio-a");
    assertThat(publish(reopened, "live", key)).isEqualTo(new Authorization.Granted("studio-a"));
  }

  @Test
  void streamCreatedByAnotherProcess_isGrantedAfterTheReloadInterval() {
    StreamRegistry first = open();
    StreamRegistry second = open();
    String key = first.create(stream("studio-b")).key();
    clock.advance(Duration.ofSeconds(2));

    assertThat(publish(second, "live", key)).isEqualTo(new Authorization.Granted("studio-b"));
  }

  @Test
  void storedDocument_holdsNoKey() throws Exception {
    String key = open().create(stream("studio-a")).key();

    String document = Files.readString(folder.resolve(StreamRegistry.documentKey("studio-a")));

    assertThat(document).doesNotContain(key).contains("\"keyGeneration\" : 0");
  }

  @Test
  void takenId_isRejected() {
    StreamRegistry registry = open();
    registry.create(stream("studio-a"));

    assertThatThrownBy(() -> registry.create(stream("studio-a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("studio-a is taken");
  }

  @Test
  void keyed_toStringHidesTheKey() {
    StreamRegistry.Keyed keyed = open().create(stream("studio-a"));

    assertThat(keyed.toString()).doesNotContain(keyed.key()).contains("redacted");
  }

  @Test
  void newId_isTheNameSlugWithARandomSuffix() {
    assertThat(StreamRegistry.newId("Main Studio #1")).matches("main-studio-1-[a-z0-9]{6}");
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
