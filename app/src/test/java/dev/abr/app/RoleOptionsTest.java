package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link RoleOptions}: the flag and variable names that deployment manifests rely on. */
class RoleOptionsTest {
  @Test
  void all_roleCommands_listEveryFlagWithItsVariable() {
    assertThat(RoleOptions.all())
        .extracting(RoleOption::command, RoleOption::flag, RoleOption::environmentVariable)
        .containsExactlyInAnyOrder(
            tuple("ingest", "--kafka", "ABR_KAFKA_BOOTSTRAP"),
            tuple("ingest", "--client-id", "ABR_CLIENT_ID"),
            tuple("ingest", "--create-topics", "ABR_CREATE_TOPICS"),
            tuple("ingest", "--startup-timeout", "ABR_STARTUP_TIMEOUT_SECONDS"),
            tuple("ingest", "--http-port", "ABR_HTTP_PORT"),
            tuple("ingest", "--http-host", "ABR_HTTP_HOST"),
            tuple("ingest", "--storage", "ABR_STORAGE"),
            tuple("ingest", "--drain-grace", "ABR_DRAIN_GRACE_SECONDS"),
            tuple("ingest", "--temp-dir", "ABR_TEMP_DIR"),
            tuple("ingest", "--segments-per-chunk", "ABR_SEGMENTS_PER_CHUNK"),
            tuple("ingest", "--rtmp-port", "ABR_RTMP_PORT"),
            tuple("ingest", "--srt-port", "ABR_SRT_PORT"),
            tuple("ingest", "--stream-secret", "ABR_STREAM_SECRET"),
            tuple("ingest", "--api-token", "ABR_API_TOKEN"),
            tuple("ingest", "--public-host", "ABR_PUBLIC_HOST"),
            tuple("ingest", "--origin-url", "ABR_ORIGIN_URL"),
            tuple("ingest", "--reconnect-window", "ABR_LIVE_RECONNECT_WINDOW_SECONDS"),
            tuple("transcoder", "--kafka", "ABR_KAFKA_BOOTSTRAP"),
            tuple("transcoder", "--client-id", "ABR_CLIENT_ID"),
            tuple("transcoder", "--create-topics", "ABR_CREATE_TOPICS"),
            tuple("transcoder", "--startup-timeout", "ABR_STARTUP_TIMEOUT_SECONDS"),
            tuple("transcoder", "--http-port", "ABR_HTTP_PORT"),
            tuple("transcoder", "--http-host", "ABR_HTTP_HOST"),
            tuple("transcoder", "--storage", "ABR_STORAGE"),
            tuple("transcoder", "--drain-grace", "ABR_DRAIN_GRACE_SECONDS"),
            tuple("transcoder", "--concurrency", "ABR_TRANSCODE_CONCURRENCY"),
            tuple("transcoder", "--x264-threads", "ABR_X264_THREADS"),
            tuple("packager", "--kafka", "ABR_KAFKA_BOOTSTRAP"),
            tuple("packager", "--client-id", "ABR_CLIENT_ID"),
            tuple("packager", "--create-topics", "ABR_CREATE_TOPICS"),
            tuple("packager", "--startup-timeout", "ABR_STARTUP_TIMEOUT_SECONDS"),
            tuple("packager", "--http-port", "ABR_HTTP_PORT"),
            tuple("packager", "--http-host", "ABR_HTTP_HOST"),
            tuple("packager", "--storage", "ABR_STORAGE"),
            tuple("packager", "--output", "ABR_OUTPUT"),
            tuple("packager", "--drain-grace", "ABR_DRAIN_GRACE_SECONDS"),
            tuple("origin", "--http-port", "ABR_HTTP_PORT"),
            tuple("origin", "--http-host", "ABR_HTTP_HOST"),
            tuple("origin", "--output", "ABR_OUTPUT"),
            tuple("origin", "--port", "ABR_ORIGIN_PORT"));
  }

  @Test
  void all_drainGrace_defaultsTo60ForTheTranscoderAnd20ForTheOthers() {
    Map<String, Optional<String>> defaults =
        RoleOptions.all().stream()
            .filter(option -> option.flag().equals("--drain-grace"))
            .collect(Collectors.toMap(RoleOption::command, RoleOption::defaultValue));

    assertThat(defaults)
        .isEqualTo(
            Map.of(
                "ingest", Optional.of("20"),
                "transcoder", Optional.of("60"),
                "packager", Optional.of("20")));
  }

  @Test
  void all_optionsWithoutFixedDefault_areTheRequiredAndDerivedOnes() {
    List<String> withoutDefault =
        RoleOptions.all().stream()
            .filter(option -> option.defaultValue().isEmpty())
            .map(RoleOption::flag)
            .distinct()
            .toList();

    assertThat(withoutDefault)
        .containsExactlyInAnyOrder(
            "--kafka",
            "--client-id",
            "--storage",
            "--output",
            "--temp-dir",
            "--stream-secret",
            "--api-token",
            "--public-host",
            "--origin-url");
  }

  @Test
  void all_sameFlagInSeveralCommands_usesOneVariable() {
    Map<String, List<String>> variablesByFlag =
        RoleOptions.all().stream()
            .collect(
                Collectors.groupingBy(
                    RoleOption::flag,
                    Collectors.mapping(
                        RoleOption::environmentVariable,
                        Collectors.collectingAndThen(Collectors.toSet(), List::copyOf))));

    assertThat(variablesByFlag.values()).allSatisfy(variables -> assertThat(variables).hasSize(1));
  }
}
