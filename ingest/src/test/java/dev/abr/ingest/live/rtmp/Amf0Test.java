package dev.abr.ingest.live.rtmp;

import static dev.abr.ingest.live.rtmp.Amf0Value.number;
import static dev.abr.ingest.live.rtmp.Amf0Value.object;
import static dev.abr.ingest.live.rtmp.Amf0Value.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.ingest.live.rtmp.Amf0Value.BooleanValue;
import dev.abr.ingest.live.rtmp.Amf0Value.EcmaArrayValue;
import dev.abr.ingest.live.rtmp.Amf0Value.StrictArrayValue;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Amf0Test {
  private static final HexFormat HEX = HexFormat.of();

  private static void assertRoundTrip(Amf0Value value, String goldenHex) {
    assertThat(HEX.formatHex(Amf0.encode(value))).isEqualTo(goldenHex);
    assertThat(Amf0.decodeAll(HEX.parseHex(goldenHex))).containsExactly(value);
  }

  @Test
  void number_one_roundTripsAsIeeeDouble() {
    assertRoundTrip(number(1), "003ff0000000000000");
  }

  @Test
  void boolean_true_roundTrips() {
    assertRoundTrip(new BooleanValue(true), "0101");
  }

  @Test
  void string_short_roundTripsWithSixteenBitLength() {
    assertRoundTrip(string("app"), "0200036170" + "70");
  }

  @Test
  void string_longerThan65535Bytes_roundTripsAsLongString() {
    String text = "a".repeat(70_000);
    assertRoundTrip(string(text), "0c00011170" + "61".repeat(70_000));
  }

  @Test
  void nullAndUndefined_roundTrip() {
    assertRoundTrip(Amf0Value.NULL, "05");
    assertRoundTrip(Amf0Value.UNDEFINED, "06");
  }

  @Test
  void object_roundTripsWithEndMarker() {
    assertRoundTrip(
        object("app", string("live")), "03" + "0003617070" + "0200046c697665" + "000009");
  }

  @Test
  void ecmaArray_roundTripsWithCount() {
    Map<String, Amf0Value> properties = new LinkedHashMap<>();
    properties.put("duration", number(0));
    assertRoundTrip(
        new EcmaArrayValue(properties),
        "08" + "00000001" + "0008" + "6475726174696f6e" + "000000000000000000" + "000009");
  }

  @Test
  void strictArray_roundTripsElementsInOrder() {
    assertRoundTrip(
        new StrictArrayValue(List.of(number(1), string("a"))),
        "0a" + "00000002" + "003ff0000000000000" + "02000161");
  }

  @Test
  void decodeAll_connectCommand_readsNameTransactionAndObject() {
    byte[] bytes =
        HEX.parseHex(
            "0200076"
                + "36f6e6e656374" // "connect"
                + "003ff0000000000000" // 1
                + "03"
                + "0003617070"
                + "0200046c697665" // app: "live"
                + "0004"
                + "74797065"
                + "02000a6e6f6e70726976617465" // type: "nonprivate"
                + "000009");

    assertThat(Amf0.decodeAll(bytes))
        .containsExactly(
            string("connect"),
            number(1),
            object("app", string("live"), "type", string("nonprivate")));
  }

  @Test
  void object_nested_keepsPropertyOrder() {
    Amf0Value value = object("b", object("z", number(2), "a", number(1)), "a", Amf0Value.NULL);

    assertThat(Amf0.decodeAll(Amf0.encode(value))).containsExactly(value);
  }

  @Test
  void decode_truncatedNumber_throwsInputUnreadable() {
    assertThatThrownBy(() -> Amf0.decodeAll(HEX.parseHex("003ff000")))
        .isInstanceOf(PipelineException.class)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_UNREADABLE);
  }

  @Test
  void decode_stringLongerThanInput_throwsInputUnreadable() {
    assertThatThrownBy(() -> Amf0.decodeAll(HEX.parseHex("02ffff6162")))
        .isInstanceOf(PipelineException.class);
  }

  @Test
  void decode_objectWithoutEnd_throwsInputUnreadable() {
    assertThatThrownBy(() -> Amf0.decodeAll(HEX.parseHex("03" + "0003617070" + "05")))
        .isInstanceOf(PipelineException.class);
  }

  @Test
  void decode_dateMarker_throwsUnsupported() {
    assertThatThrownBy(() -> Amf0.decodeAll(HEX.parseHex("0b00000000000000000000")))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("0xb");
  }

  @Test
  void decode_deepNesting_throwsInsteadOfOverflowingTheStack() {
    String nested = ("03" + "000161").repeat(10_000);

    assertThatThrownBy(() -> Amf0.decodeAll(HEX.parseHex(nested)))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("nest");
  }

  @Test
  void decode_strictArrayWithHugeCount_throwsWithoutAllocating() {
    assertThatThrownBy(() -> Amf0.decodeAll(HEX.parseHex("0a7fffffff05")))
        .isInstanceOf(PipelineException.class);
  }

  @Test
  void decode_invalidUtf8_throwsInputUnreadable() {
    assertThatThrownBy(() -> Amf0.decodeAll(HEX.parseHex("020002c328")))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("UTF-8");
  }
}
