package dev.abr.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.message.JobError;
import dev.abr.core.message.JobOutputs;
import dev.abr.core.message.StreamEnded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void read_missingNonOptionalField_failsNamingTheField() {
    assertThatThrownBy(() -> Json.read(utf8("{\"hls\": \"main.m3u8\"}"), JobOutputs.class, "x"))
        .isInstanceOf(PipelineException.class)
        .hasMessageStartingWith(
            "x is not a valid JobOutputs: Null value for creator property 'dash'")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_INVALID_DOCUMENT);
  }

  @Test
  void read_nullNonOptionalField_failsNamingTheField() {
    assertThatThrownBy(
            () ->
                Json.read(
                    utf8("{\"code\": \"DECODE_FAILED\", \"message\": null}"), JobError.class, "x"))
        .hasMessageStartingWith(
            "x is not a valid JobError: Null value for creator property 'message'");
  }

  @Test
  void write_instant_isIsoText() {
    String json =
        Json.writePretty(new StreamEnded("j", "s", 1, Instant.parse("2025-03-01T12:00:00.250Z")));

    assertThat(json).contains("\"at\" : \"2025-03-01T12:00:00.250Z\"");
  }

  @Test
  void writePretty_anyValue_usesNewlineLineEnds() {
    assertThat(Json.writePretty(new JobOutputs("a", "b"))).doesNotContain("\r").contains("\n");
  }
}
