package dev.abr.ingest.live.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SrtStreamIdTest {
  @Test
  void parse_plainId_isAPublishOfTheWholeString() {
    assertThat(SrtStreamId.parse("cam-1"))
        .isEqualTo(new SrtStreamId("cam-1", Optional.empty(), "publish"));
  }

  @Test
  void parse_accessControlSyntax_readsResourceUserAndMode() {
    assertThat(SrtStreamId.parse("#!::u=alice,r=cam-1,m=publish"))
        .isEqualTo(new SrtStreamId("cam-1", Optional.of("alice"), "publish"));
  }

  @Test
  void parse_accessControlSyntax_ignoresOtherKeysInAnyOrder() {
    SrtStreamId id = SrtStreamId.parse("#!::m=publish,h=example.com,t=stream,x-note=a=b,r=cam-1");

    assertThat(id.resource()).isEqualTo("cam-1");
    assertThat(id.publishes()).isTrue();
  }

  @Test
  void parse_accessControlWithoutMode_isARequestAsTheSpecificationSays() {
    SrtStreamId id = SrtStreamId.parse("#!::r=cam-1");

    assertThat(id.mode()).isEqualTo("request");
    assertThat(id.publishes()).isFalse();
  }

  @Test
  void parse_modeInUpperCase_isReadCaseInsensitively() {
    assertThat(SrtStreamId.parse("#!::r=cam-1,m=PUBLISH").publishes()).isTrue();
  }

  @Test
  void parse_bidirectionalMode_doesNotPublish() {
    assertThat(SrtStreamId.parse("#!::r=cam-1,m=bidirectional").publishes()).isFalse();
  }

  @Test
  void parse_empty_isMalformed() {
    assertThatThrownBy(() -> SrtStreamId.parse("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_longerThan512_isMalformed() {
    assertThatThrownBy(() -> SrtStreamId.parse("a".repeat(513)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_accessControlWithoutResource_isMalformed() {
    assertThatThrownBy(() -> SrtStreamId.parse("#!::u=alice,m=publish"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_repeatedKey_isMalformed() {
    assertThatThrownBy(() -> SrtStreamId.parse("#!::r=a,r=b,m=publish"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_itemWithoutEquals_isMalformed() {
    assertThatThrownBy(() -> SrtStreamId.parse("#!::r=a,publish"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_nestedSyntax_isMalformed() {
    assertThatThrownBy(() -> SrtStreamId.parse("#!:{r=a}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parse_malformed_messageDoesNotQuoteTheStreamId() {
    assertThatThrownBy(() -> SrtStreamId.parse("#!::secret-value-123"))
        .hasMessageNotContaining("secret-value-123");
  }

  @Test
  void printable_replacesControlAndSeparatorCharacters() {
    assertThat(SrtStreamId.printable("cam 1\n\"x\",y=z/ok:1@h~.-_"))
        .isEqualTo("cam?1??x??y?z/ok:1@h~.-_");
  }

  @Test
  void printable_longText_isCutTo64Characters() {
    assertThat(SrtStreamId.printable("a".repeat(100))).isEqualTo("a".repeat(64) + "...");
  }

  @Test
  void toString_showsTheResourceMadePrintable() {
    assertThat(SrtStreamId.parse("cam\n1")).hasToString("SrtStreamId[cam?1, m=publish]");
  }
}
