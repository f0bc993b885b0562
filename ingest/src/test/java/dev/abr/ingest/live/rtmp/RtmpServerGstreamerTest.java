package dev.abr.ingest.live.rtmp;

import static dev.abr.ingest.live.rtmp.MediaTools.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.ingest.live.rtmp.MediaTools.Packet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GStreamer's rtmp2sink, an RTMP client written independently of FFmpeg and librtmp, publishes
 * H.264 (x264enc) and AAC (voaacenc). Needs the Debian packages gstreamer1.0-tools,
 * gstreamer1.0-plugins-base, -good, -bad and -ugly (see README's Requirements).
 */
class RtmpServerGstreamerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final int VIDEO_FRAMES = 100;
  private static final int AUDIO_BUFFERS = 172; // of 1 024 samples at 44.1 kHz: 4 s

  @TempDir Path folder;
  private final RecordingRtmpListener listener = new RecordingRtmpListener();
  private final InMemoryAuthorizer authorizer = new InMemoryAuthorizer("live");
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

  private int gstLaunch(String key) throws Exception {
    String pipeline =
        "videotestsrc num-buffers=%d ! video/x-raw,width=320,height=240,framerate=25/1"
                .formatted(VIDEO_FRAMES)
            + " ! x264enc speed-preset=ultrafast key-int-max=25 ! h264parse"
            + " ! flvmux name=m streamable=true"
            + " ! rtmp2sink location=rtmp://127.0.0.1:%d/live/%s".formatted(server.port(), key)
            + " audiotestsrc num-buffers=%d samplesperbuffer=1024".formatted(AUDIO_BUFFERS)
            + " ! audio/x-raw,rate=44100,channels=2 ! voaacenc ! aacparse ! m.";
    Process process =
        new ProcessBuilder(List.of("sh", "-c", "exec gst-launch-1.0 -e " + pipeline))
            .redirectErrorStream(true)
            .redirectOutput(folder.resolve("gst.log").toFile())
            .start();
    return MediaTools.waitFor(process, TIMEOUT);
  }

  @Test
  void publish_gstreamerRtmp2sink_capturedFlvHasEveryFrame() throws Exception {
    authorizer.register(StreamKey.of("gst-key"), "gst");

    int exit = gstLaunch("gst-key");

    List<Packet> captured = MediaTools.probe(capture.awaitFlv("gst", TIMEOUT));
    List<Packet> video = ofType(captured, "video");
    List<Packet> audio = ofType(captured, "audio");
    assertThat(exit).as(Files.readString(folder.resolve("gst.log"))).isZero();
    assertThat(video).hasSize(VIDEO_FRAMES);
    assertThat(video.stream().filter(Packet::keyFrame)).hasSize(4);
    assertThat(video.get(0).keyFrame()).isTrue();
    assertThat(audio).hasSizeBetween(AUDIO_BUFFERS - 2, AUDIO_BUFFERS + 2);
    for (List<Packet> packets : List.of(video, audio)) {
      for (int i = 1; i < packets.size(); i++) {
        assertThat(packets.get(i).dtsMillis()).isGreaterThan(packets.get(i - 1).dtsMillis());
      }
    }
  }

  @Test
  void publish_gstreamerRtmp2sink_usesSimpleHandshake() throws Exception {
    authorizer.register(StreamKey.of("gst-key"), "gst");

    gstLaunch("gst-key");
    capture.awaitFlv("gst", TIMEOUT);

    assertThat(listener.handshakes).containsExactly(HandshakeKind.SIMPLE);
  }

  @Test
  void publish_gstreamerWithUnknownKey_isRefused() throws Exception {
    authorizer.register(StreamKey.of("gst-key"), "gst");

    int exit = gstLaunch("wrong-key");

    assertThat(exit).isNotZero();
    assertThat(listener.refused).containsExactly(RefusalReason.UNKNOWN_KEY);
    assertThat(capture.sessions).isEmpty();
  }
}
