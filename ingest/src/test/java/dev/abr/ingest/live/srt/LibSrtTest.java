package dev.abr.ingest.live.srt;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibSrtTest {
  @Test
  void load_noLibraryFound_namesTheDebianPackage() {
    assertThatThrownBy(() -> LibSrt.load(List.of("srt-not-here", "srt-nor-here")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("srt-not-here, srt-nor-here")
        .hasMessageContaining("apt-get install libsrt1.5-gnutls");
  }
}
