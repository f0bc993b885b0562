package dev.abr.ingest.live.rtmp;

import static dev.abr.ingest.live.rtmp.MediaTools.h264AacToFlv;
import static dev.abr.ingest.live.rtmp.MediaTools.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.ingest.live.rtmp.MediaTools.Packet;
import dev.abr.testkit.kafka.Awaits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled FFmpeg publishes to a real server on a loopback port. */
class RtmpServerFfmpegTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path folder;
  private final RecordingRtmpListener listener = new RecordingRtmpListener();
  private final InMemoryAuthorizer authorizer = new InMemoryAuthorizer("live");
  private final Map<List<String>, List<Packet>> references = new ConcurrentHashMap<>();
  private FlvCapture capture;
  private RtmpServer server;

  @BeforeEach
  void startServer() throws Exception {
    capture = new FlvCapture(folder);
    server = RtmpServer.start(RtmpServerSettings.loopback(), authorizer, capture, listener);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private String url(String key) {
    return "rtmp://127.0.0.1:" + server.port() + "/live/" + key;
  }

  /** The packets FFmpeg writes for {@code args} into a local FLV file, for comparison. */
  private List<Packet> reference(int seconds, String... extra) throws Exception {
    List<String> key = new ArrayList<>(List.of(String.valueOf(seconds)));
    key.addAll(List.of(extra));
    Path file = folder.resolve("reference-" + references.size() + ".flv");
    if (!references.containsKey(key)) {
      int exit =
          MediaTools.runFfmpeg(
              h264AacToFlv(seconds, file.toString(), extra),
              folder.resolve("reference.log"),
              TIMEOUT);
      assertThat(exit).as("reference encode").isZero();
      references.put(key, MediaTools.probe(file));
    }
    return references.get(key);
  }

  private int publish(String key, int seconds, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of(extra));
    return MediaTools.runFfmpeg(
        h264AacToFlv(seconds, url(key), args.toArray(String[]::new)),
        folder.resolve("ffmpeg-" + key + ".log"),
        TIMEOUT);
  }

  private Process publishRealtime(String key, int seconds) throws Exception {
    List<String> args = new ArrayList<>(List.of("-re"));
    args.addAll(h264AacToFlv(seconds, url(key)));
    return MediaTools.ffmpeg(args, folder.resolve("ffmpeg-" + key + ".log"));
  }

  private static void assertMonotonic(List<Packet> packets) {
    for (int i = 1; i < packets.size(); i++) {
      assertThat(packets.get(i).dtsMillis())
          .as("dts of %s packet %d", packets.get(i).codecType(), i)
          .isGreaterThan(packets.get(i - 1).dtsMillis());
    }
  }

  private String log(String key) throws Exception {
    return Files.readString(folder.resolve("ffmpeg-" + key + ".log"));
  }

  @Test
  void publish_h264Aac_capturedFlvHasEveryPacketOfAReferenceEncode() throws Exception {
    authorizer.register(StreamKey.of("key-one"), "one");

    int exit = publish("key-one", 4);

    List<Packet> captured = MediaTools.probe(capture.awaitFlv("one", TIMEOUT));
    assertThat(exit).as(log("key-one")).isZero();
    assertThat(captured).isEqualTo(reference(4));
    assertThat(ofType(captured, "video")).hasSize(100);
    assertThat(ofType(captured, "video").stream().filter(Packet::keyFrame)).hasSize(4);
    assertThat(ofType(captured, "audio")).hasSizeGreaterThan(170);
    assertMonotonic(ofType(captured, "video"));
    assertMonotonic(ofType(captured, "audio"));
  }

  @Test
  void publish_h264Aac_usesDigestHandshakeAndEndsAsUnpublished() throws Exception {
    authorizer.register(StreamKey.of("key-one"), "one");

    publish("key-one", 1);
    capture.awaitFlv("one", TIMEOUT);

    assertThat(listener.handshakes).containsExactly(HandshakeKind.DIGEST);
    Awaits.until("session ended", TIMEOUT, () -> listener.ended.containsKey("one"));
    assertThat(listener.ended.get("one")).isEqualTo(CloseReason.UNPUBLISHED);
  }

  @Test
  void publish_metadata_arrivesAsOnMetaDataScriptTagFirst() throws Exception {
    authorizer.register(StreamKey.of("key-one"), "one");

    publish("key-one", 1);
    byte[] flv = Files.readAllBytes(capture.awaitFlv("one", TIMEOUT));

    assertThat(listener.tags("one").get(0).type()).isEqualTo(FlvTag.Type.SCRIPT_DATA);
    assertThat(flv[13]).as("first tag type").isEqualTo((byte) 18);
    assertThat(new String(flv, 13 + 11, 13, java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo("\u0002\u0000\nonMetaData");
  }

  @Test
  void publish_timestampsAbove2To24_useExtendedTimestampsAndStayMonotonic() throws Exception {
    authorizer.register(StreamKey.of("key-one"), "one");
    String[] offset = {"-output_ts_offset", "20000"}; // 20 000 000 ms > 2^24 ms

    int exit = publish("key-one", 2, offset);

    List<Packet> captured = MediaTools.probe(capture.awaitFlv("one", TIMEOUT));
    assertThat(exit).as(log("key-one")).isZero();
    assertThat(captured).isEqualTo(reference(2, offset));
    assertThat(ofType(captured, "video").get(0).dtsMillis()).isGreaterThanOrEqualTo(20_000_000L);
    // FFmpeg's FLV muxer stamps onMetaData and the codec configurations 0; media follow at 2e7 ms,
    // so the first key frame (longer than the 4 096-byte chunk size) goes out as a type-1 header
    // with an extended delta and type-3 chunks that repeat it.
    List<RecordingRtmpListener.TagInfo> media =
        listener.tags("one").stream().filter(tag -> tag.timestampMillis() != 0).toList();
    assertThat(media).hasSizeGreaterThan(100);
    assertThat(media)
        .allSatisfy(tag -> assertThat(tag.timestampMillis()).isGreaterThan(0xFF_FFFFL));
    assertThat(
            media.stream()
                .filter(RecordingRtmpListener.TagInfo::keyFrame)
                .findFirst()
                .orElseThrow()
                .sizeBytes())
        .isGreaterThan(4096);
    assertMonotonic(ofType(captured, "video"));
    assertMonotonic(ofType(captured, "audio"));
  }

  @Test
  void publish_timestampsCrossing2To24_stayMonotonic() throws Exception {
    authorizer.register(StreamKey.of("key-one"), "one");
    String[] offset = {"-output_ts_offset", "16776"}; // 16 776 000 ms: crosses 2^24 after 1.216 s

    publish("key-one", 2, offset);

    List<Packet> captured = MediaTools.probe(capture.awaitFlv("one", TIMEOUT));
    List<Packet> video = ofType(captured, "video");
    assertThat(captured).isEqualTo(reference(2, offset));
    assertThat(video.get(0).dtsMillis()).isLessThan(1L << 24);
    assertThat(video.get(video.size() - 1).dtsMillis()).isGreaterThan(1L << 24);
    assertMonotonic(video);
    assertMonotonic(ofType(captured, "audio"));
  }

  @Test
  void publish_unknownKey_isRefusedBeforeMedia() throws Exception {
    authorizer.register(StreamKey.of("key-one"), "one");

    int exit = publish("not-a-key", 1);

    assertThat(exit).isNotZero();
    assertThat(log("not-a-key")).contains("Publish refused");
    assertThat(listener.refused).containsExactly(RefusalReason.UNKNOWN_KEY);
    assertThat(capture.sessions).isEmpty();
    assertThat(listener.tags).isEmpty();
    Awaits.until("connection closed", TIMEOUT, () -> listener.closed.contains(CloseReason.REFUSED));
  }

  @Test
  void publish_wrongApp_isRefused() throws Exception {
    authorizer.register(StreamKey.of("key-one"), "one");

    int exit =
        MediaTools.runFfmpeg(
            h264AacToFlv(1, "rtmp://127.0.0.1:" + server.port() + "/other/key-one"),
            folder.resolve("ffmpeg-other.log"),
            TIMEOUT);

    assertThat(exit).isNotZero();
    assertThat(listener.refused).containsExactly(RefusalReason.WRONG_APP);
    assertThat(capture.sessions).isEmpty();
  }

  @Test
  void disconnect_revokedKeyMidStream_endsSessionAndClient() throws Exception {
    StreamKey key = StreamKey.of("key-one");
    authorizer.register(key, "one");
    Process ffmpeg = publishRealtime("key-one", 30);
    Awaits.until(
        "video is flowing", TIMEOUT, () -> listener.tagCount("one", FlvTag.Type.VIDEO) > 10);

    String streamId = authorizer.revoke(key).orElseThrow();
    boolean wasLive = server.disconnect(streamId);

    int exit = MediaTools.waitFor(ffmpeg, TIMEOUT);
    List<Packet> captured = MediaTools.probe(capture.awaitFlv("one", TIMEOUT));
    assertThat(wasLive).isTrue();
    assertThat(exit).isNotZero();
    assertThat(listener.ended.get("one")).isEqualTo(CloseReason.DISCONNECTED);
    assertThat(capture.sessions.get(0).end()).contains(CloseReason.DISCONNECTED);
    assertThat(ofType(captured, "video")).hasSizeBetween(10, 749);
    assertThat(server.liveStreamIds()).isEmpty();
  }

  @Test
  void publish_secondPublisherOnLiveKey_isRefusedAndFirstCompletes() throws Exception {
    authorizer.register(StreamKey.of("key-one"), "one");
    Process first = publishRealtime("key-one", 3);
    Awaits.until("first is live", TIMEOUT, () -> listener.started.contains("one"));

    int secondExit =
        MediaTools.runFfmpeg(
            h264AacToFlv(1, url("key-one")), folder.resolve("ffmpeg-second.log"), TIMEOUT);

    int firstExit = MediaTools.waitFor(first, TIMEOUT);
    List<Packet> captured = MediaTools.probe(capture.awaitFlv("one", TIMEOUT));
    assertThat(secondExit).isNotZero();
    assertThat(listener.refused).containsExactly(RefusalReason.ALREADY_PUBLISHING);
    assertThat(firstExit).as(log("key-one")).isZero();
    assertThat(captured).isEqualTo(reference(3));
    assertThat(capture.sessions).hasSize(1);
  }

  @Test
  void publish_threeConcurrentStreams_allComplete() throws Exception {
    List<Process> publishers = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      authorizer.register(StreamKey.of("key-" + i), "stream-" + i);
    }
    for (int i = 1; i <= 3; i++) {
      publishers.add(publishRealtime("key-" + i, 3));
    }

    for (Process publisher : publishers) {
      assertThat(MediaTools.waitFor(publisher, TIMEOUT)).isZero();
    }

    for (int i = 1; i <= 3; i++) {
      assertThat(MediaTools.probe(capture.awaitFlv("stream-" + i, TIMEOUT)))
          .as("stream-" + i)
          .isEqualTo(reference(3));
    }
    assertThat(listener.started).containsExactlyInAnyOrder("stream-1", "stream-2", "stream-3");
  }

  @Test
  void play_ffmpegClient_verifiesDigestHandshakeThenIsRefused() throws Exception {
    Path log = folder.resolve("ffmpeg-play.log");

    int exit =
        MediaTools.runFfmpeg(
            List.of(
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "verbose",
                "-i",
                url("anything"),
                "-f",
                "null",
                "-"),
            log,
            TIMEOUT);

    String output = Files.readString(log);
    assertThat(exit).isNotZero();
    assertThat(output).contains("This server only accepts publishing.");
    assertThat(output).doesNotContain("Signature mismatch").doesNotContain("validating failed");
    assertThat(listener.handshakes).containsExactly(HandshakeKind.DIGEST);
  }

  @Test
  void publish_hevcThroughEnhancedRtmp_passesTagsThrough() throws Exception {
    authorizer.register(StreamKey.of("key-one"), "one");
    List<String> args =
        new ArrayList<>(
            List.of(
                "-hide_banner",
                "-nostdin",
                "-loglevel",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc2=size=320x240:rate=25:duration=2",
                "-c:v",
                "libx265",
                "-preset",
                "ultrafast",
                "-g",
                "25",
                "-x265-params",
                "log-level=error:pools=1:frame-threads=1",
                "-f",
                "flv",
                url("key-one")));

    int exit = MediaTools.runFfmpeg(args, folder.resolve("ffmpeg-key-one.log"), TIMEOUT);

    List<Packet> captured = MediaTools.probe(capture.awaitFlv("one", TIMEOUT));
    assertThat(exit).as(log("key-one")).isZero();
    assertThat(ofType(captured, "video")).hasSize(50);
    assertThat(ofType(captured, "video").get(0).keyFrame()).isTrue();
    assertMonotonic(ofType(captured, "video"));
    // Enhanced RTMP: IsExHeader set, frame type 1, packet type SequenceStart (0), FourCC 'hvc1'.
    assertThat(listener.tags("one"))
        .filteredOn(tag -> tag.type() == FlvTag.Type.VIDEO)
        .first()
        .satisfies(tag -> assertThat(tag.firstBytesHex()).isEqualTo("90" + "68766331"));
  }

  @Test
  void publish_handlerThrows_disconnectsThePublisher() throws Exception {
    server.close();
    server =
        RtmpServer.start(
            RtmpServerSettings.loopback(),
            authorizer,
            session -> {
              throw new IllegalStateException("handler broke");
            },
            listener);
    authorizer.register(StreamKey.of("key-one"), "one");

    int exit = publish("key-one", 4);

    assertThat(exit).isNotZero();
    assertThat(listener.handlerFailures)
        .singleElement()
        .satisfies(e -> assertThat(e).hasMessage("handler broke"));
    Awaits.until("session ended", TIMEOUT, () -> listener.ended.containsKey("one"));
    assertThat(listener.ended.get("one")).isEqualTo(CloseReason.CONSUMER_CLOSED);
  }

  @Test
  void close_serverWithLiveStream_endsItAsServerStopped() throws Exception {
    authorizer.register(StreamKey.of("key-one"), "one");
    Process ffmpeg = publishRealtime("key-one", 30);
    Awaits.until(
        "video is flowing", TIMEOUT, () -> listener.tagCount("one", FlvTag.Type.VIDEO) > 5);

    server.close();

    assertThat(MediaTools.waitFor(ffmpeg, TIMEOUT)).isNotZero();
    assertThat(MediaTools.probe(capture.awaitFlv("one", TIMEOUT))).isNotEmpty();
    assertThat(capture.sessions.get(0).end()).contains(CloseReason.SERVER_STOPPED);
  }
}
