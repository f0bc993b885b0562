package dev.abr.packager.dash;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.testkit.dash.DashSchema;
import org.junit.jupiter.api.Test;

class DashSchemaTest {
  @Test
  void validate_mpdWithoutMinBufferTime_fails() {
    String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011">
          <Period id="0"/>
        </MPD>
        """;

    assertThatThrownBy(() -> DashSchema.validate(xml))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("minBufferTime");
  }
}
