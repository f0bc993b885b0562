package dev.abr.packager.origin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeRequestTest {
  @Test
  void parse_noHeader_isWhole() {
    assertThat(RangeRequest.parse(null, 10)).isEqualTo(new RangeRequest.Whole());
  }

  @Test
  void parse_lastPastTheEnd_isClampedToTheEnd() {
    assertThat(RangeRequest.parse("bytes=5-100", 10)).isEqualTo(new RangeRequest.Partial(5, 9));
  }

  @Test
  void parse_suffixLongerThanObject_isWholeObjectAsPartial() {
    assertThat(RangeRequest.parse("bytes=-50", 10)).isEqualTo(new RangeRequest.Partial(0, 9));
  }

  @Test
  void parse_zeroSuffix_isUnsatisfiable() {
    assertThat(RangeRequest.parse("bytes=-0", 10)).isEqualTo(new RangeRequest.Unsatisfiable());
  }

  @Test
  void parse_anyRangeOfEmptyObject_isUnsatisfiable() {
    assertThat(RangeRequest.parse("bytes=0-", 0)).isEqualTo(new RangeRequest.Unsatisfiable());
  }

  @Test
  void parse_lastBeforeFirst_isIgnored() {
    assertThat(RangeRequest.parse("bytes=5-2", 10)).isEqualTo(new RangeRequest.Whole());
  }

  @Test
  void parse_otherUnit_isIgnored() {
    assertThat(RangeRequest.parse("items=0-1", 10)).isEqualTo(new RangeRequest.Whole());
  }
}
