package dev.abr.packager.origin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.storage.LocalObjectStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00.123456Z");
  private static final byte[] SEGMENT = "0123456789".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path folder;

  private Origin origin;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void startOrigin() throws IOException {
    Path root = folder.resolve("store");
    var store = new LocalObjectStore(root);
    store.putAtomically("main.m3u8", "#EXTM3U\n".getBytes(StandardCharsets.UTF_8));
    store.putAtomically("manifest.mpd", "<MPD/>\n".getBytes(StandardCharsets.UTF_8));
    store.putAtomically("720p/init.mp4", new byte[] {1, 2, 3});
    store.putAtomically("720p/0.m4s", SEGMENT);
    store.putAtomically("audio/init.mp4", new byte[] {4, 5});
    store.putAtomically("audio/0.m4s", new byte[] {6});
    Files.writeString(root.resolve("720p/.tmp-0.m4s-123"), "partial");
    Files.writeString(root.resolve(".hidden"), "hidden");
    Files.writeString(folder.resolve("secret.txt"), "outside the store");
    origin = Origin.start(store, "127.0.0.1", 0, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stopOrigin() {
    origin.close();
  }

  @Test
  void start_portZero_listensOnAnEphemeralPort() {
    assertThat(origin.port()).isPositive();
    assertThat(origin.uri()).hasToString("http://127.0.0.1:" + origin.port() + "/");
  }

  @Test
  void get_multivariantPlaylist_isMpegurl() throws Exception {
    var response = get("/main.m3u8");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "Content-Type")).isEqualTo("application/vnd.apple.mpegurl");
  }

  @Test
  void get_mpd_isDashXml() throws Exception {
    assertThat(header(get("/manifest.mpd"), "Content-Type")).isEqualTo("application/dash+xml");
  }

  @Test
  void get_videoSegment_isIsoSegment() throws Exception {
    var response = get("/720p/0.m4s");

    assertThat(header(response, "Content-Type")).isEqualTo("video/iso.segment");
    assertThat(response.body()).isEqualTo(SEGMENT);
  }

  @Test
  void get_videoInit_isVideoMp4() throws Exception {
    assertThat(header(get("/720p/init.mp4"), "Content-Type")).isEqualTo("video/mp4");
  }

  @Test
  void get_audioInit_isAudioMp4() throws Exception {
    assertThat(header(get("/audio/init.mp4"), "Content-Type")).isEqualTo("audio/mp4");
  }

  @Test
  void get_manifest_isCachedForOneSecond() throws Exception {
    assertThat(header(get("/main.m3u8"), "Cache-Control")).isEqualTo("public, max-age=1");
  }

  @Test
  void get_segment_isCachedImmutable() throws Exception {
    assertThat(header(get("/720p/0.m4s"), "Cache-Control"))
        .isEqualTo("public, max-age=31536000, immutable");
  }

  @Test
  void get_object_advertisesByteRanges() throws Exception {
    assertThat(header(get("/720p/0.m4s"), "Accept-Ranges")).isEqualTo("bytes");
  }

  @Test
  void get_closedRange_returns206WithThoseBytes() throws Exception {
    var response = get("/720p/0.m4s", "Range", "bytes=2-5");

    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(header(response, "Content-Range")).isEqualTo("bytes 2-5/10");
    assertThat(header(response, "Content-Length")).isEqualTo("4");
    assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo("2345");
  }

  @Test
  void get_openEndedRange_returns206ToTheEnd() throws Exception {
    var response = get("/720p/0.m4s", "Range", "bytes=7-");

    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(header(response, "Content-Range")).isEqualTo("bytes 7-9/10");
    assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo("789");
  }

  @Test
  void get_suffixRange_returns206WithTheLastBytes() throws Exception {
    var response = get("/720p/0.m4s", "Range", "bytes=-3");

    assertThat(response.statusCode()).isEqualTo(206);
    assertThat(header(response, "Content-Range")).isEqualTo("bytes 7-9/10");
  }

  @Test
  void get_rangePastTheEnd_returns416WithTheLength() throws Exception {
    var response = get("/720p/0.m4s", "Range", "bytes=10-20");

    assertThat(response.statusCode()).isEqualTo(416);
    assertThat(header(response, "Content-Range")).isEqualTo("bytes */10");
  }

  @Test
  void get_multipleRanges_returns200WithTheWholeObject() throws Exception {
    var response = get("/720p/0.m4s", "Range", "bytes=0-1,4-5");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(SEGMENT);
  }

  @Test
  void head_segment_returnsLengthAndTypeWithoutBody() throws Exception {
    var response =
        client.send(
            request("/720p/0.m4s").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "Content-Length")).isEqualTo("10");
    assertThat(header(response, "Content-Type")).isEqualTo("video/iso.segment");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void options_preflightForRange_allowsRangeFromAnyOrigin() throws Exception {
    var response =
        client.send(
            request("/720p/0.m4s")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://player.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "range")
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(header(response, "Access-Control-Allow-Headers")).containsIgnoringCase("range");
    assertThat(header(response, "Access-Control-Allow-Methods")).contains("GET");
  }

  @Test
  void get_object_exposesRangeHeadersToScripts() throws Exception {
    var response = get("/720p/0.m4s", "Origin", "http://player.example");

    assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(header(response, "Access-Control-Expose-Headers"))
        .contains("Content-Length")
        .contains("Content-Range")
        .contains("Accept-Ranges");
  }

  @Test
  void get_missingObject_returns404() throws Exception {
    assertThat(get("/720p/99.m4s").statusCode()).isEqualTo(404);
  }

  @Test
  void get_folder_returns404() throws Exception {
    assertThat(get("/720p").statusCode()).isEqualTo(404);
  }

  @Test
  void get_dotDotInsideTheStore_returns404() throws Exception {
    assertThat(get("/720p/../main.m3u8").statusCode()).isEqualTo(404);
  }

  @Test
  void get_encodedDotDotInsideTheStore_returns404() throws Exception {
    assertThat(get("/720p/%2e%2e/main.m3u8").statusCode()).isEqualTo(404);
  }

  @Test
  void get_dotDotAboveTheRoot_isRefusedByJettyWithoutTheFile() throws Exception {
    // Jetty's request parser refuses a path that climbs above the root with 400 before any
    // handler runs; what matters is that the file outside the store is never sent.
    var response = get("/../secret.txt");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .doesNotContain("outside the store");
  }

  @Test
  void get_encodedDotDotAboveTheRoot_isRefusedWithoutTheFile() throws Exception {
    var response = get("/720p/%2e%2e/%2e%2e/secret.txt");

    assertThat(response.statusCode()).isIn(400, 404);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .doesNotContain("outside the store");
  }

  @Test
  void get_encodedSlashTraversal_returns404() throws Exception {
    assertThat(get("/..%2fsecret.txt").statusCode()).isEqualTo(404);
  }

  @Test
  void get_temporaryFile_returns404() throws Exception {
    assertThat(get("/720p/.tmp-0.m4s-123").statusCode()).isEqualTo(404);
  }

  @Test
  void get_hiddenFile_returns404() throws Exception {
    assertThat(get("/.hidden").statusCode()).isEqualTo(404);
  }

  @Test
  void get_playerPage_embedsVendoredPlayers() throws Exception {
    var response = get("/");
    String page = new String(response.body(), StandardCharsets.UTF_8);

    assertThat(header(response, "Content-Type")).startsWith("text/html");
    assertThat(page)
        .contains("<script src=\"/_player/hls.min.js\"></script>")
        .contains("<script src=\"/_player/dash.all.min.js\"></script>")
        .contains("<script src=\"/_player/player.js\"></script>");
  }

  @Test
  void get_playerPage_listsRootManifests() throws Exception {
    String page = new String(get("/player.html").body(), StandardCharsets.UTF_8);

    assertThat(page).contains("{\"hls\": \"/main.m3u8\", \"dash\": \"/manifest.mpd\"}");
  }

  @Test
  void get_vendoredHlsJs_isJavascript() throws Exception {
    var response = get("/_player/hls.min.js");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "Content-Type")).startsWith("text/javascript");
    assertThat(response.body().length).isGreaterThan(100_000);
  }

  @Test
  void get_unknownPlayerFile_returns404() throws Exception {
    assertThat(get("/_player/missing.js").statusCode()).isEqualTo(404);
  }

  @Test
  void get_time_answersTheClockInUtcToTheMillisecond() throws Exception {
    var response = get("/time");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new String(response.body(), StandardCharsets.US_ASCII))
        .isEqualTo("2025-03-01T12:00:00.123Z");
    assertThat(header(response, "Content-Type")).isEqualTo("text/plain;charset=utf-8");
  }

  @Test
  void get_time_isNeverCached() throws Exception {
    assertThat(header(get("/time"), "Cache-Control")).isEqualTo("no-cache");
  }

  @Test
  void get_time_allowsAnyOrigin() throws Exception {
    assertThat(header(get("/time"), "Access-Control-Allow-Origin")).isEqualTo("*");
  }

  private HttpResponse<byte[]> get(String rawPath, String... headers) throws Exception {
    var builder = request(rawPath).GET();
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder request(String rawPath) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + origin.port() + rawPath));
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse("(absent)");
  }
}
