package dev.abr.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;

import org.junit.jupiter.api.Test;

class AvTest {
  @Test
  void errorText_endOfFile_isExactlyFfmpegsText() {
    Av.init();

    assertThat(Av.errorText(AVERROR_EOF)).isEqualTo("End of file");
  }

  @Test
  void errorText_invalidData_isExactlyFfmpegsText() {
    Av.init();

    assertThat(Av.errorText(AVERROR_INVALIDDATA))
        .isEqualTo("Invalid data found when processing input");
  }
}
