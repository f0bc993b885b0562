package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class LiveRtmpSmokeTest {
  @TempDir Path folder;

  @Test
  void publish_endsAsVod() {
    try (LiveHarness live = LiveHarness.start(folder, Duration.ofSeconds(2))) {
      LiveHarness.Stream stream = live.create("studio");
      Process ffmpeg = live.publish(stream.key(), 10);
      JsonNode run = live.awaitRun(stream.id(), Duration.ofSeconds(20));
      String prefix = "live/" + stream.id() + "/" + run.path("runId").asText();
      String playlist =
          live.awaitPackageFile(prefix + "/360p/playlist.m3u8", Duration.ofSeconds(30), t -> t.contains("#EXTINF"), "lists a segment");
      System.out.println(playlist);
      LiveHarness.Exit exit = LiveHarness.await(ffmpeg, Duration.ofSeconds(30));
      System.out.println("ffmpeg: " + exit);
      String ended =
          live.awaitPackageFile(prefix + "/360p/playlist.m3u8", Duration.ofSeconds(30), t -> t.contains("#EXT-X-ENDLIST"), "ends");
      System.out.println(ended);
      System.out.println(live.packageFile(prefix + "/manifest.mpd").orElse("no mpd"));
      assertThat(ended).contains("#EXT-X-ENDLIST");
      dev.abr.testkit.kafka.Awaits.until("mpd", Duration.ofSeconds(10), () -> live.packageFile(prefix + "/manifest.mpd").orElse("").contains("static"));
      try {
        new ProcessBuilder("cp", "-r", live.output().toString(), "/tmp/smoke-out").inheritIO().start().waitFor();
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    }
  }
}
