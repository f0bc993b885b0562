package dev.abr.ingest.live.rtmp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One AMF0 value (AMF0 specification §2). Objects and ECMA arrays keep their properties in the
 * order they were read or given, so values round-trip byte for byte.
 */
sealed interface Amf0Value {
  /** Number marker 0x00: an IEEE-754 double (§2.2). */
  record NumberValue(double value) implements Amf0Value {}

  /** Boolean marker 0x01 (§2.3). */
  record BooleanValue(boolean value) implements Amf0Value {}

  /**
   * String marker 0x02 (§2.4), or long string marker 0x0C (§2.14) when its UTF-8 form is longer
   * than 65 535 bytes.
   */
  record StringValue(String value) implements Amf0Value {}

  /** Anonymous object marker 0x03 (§2.5): named properties, ended by the object-end marker. */
  record ObjectValue(Map<String, Amf0Value> properties) implements Amf0Value {
    public ObjectValue {
      properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The string property {@code name}, if present and a string. */
    Optional<String> string(String name) {
      return properties.get(name) instanceof StringValue s
          ? Optional.of(s.value())
          : Optional.empty();
    }
  }

  /** Null marker 0x05 (§2.7). */
  record NullValue() implements Amf0Value {}

  /** Undefined marker 0x06 (§2.8). */
  record UndefinedValue() implements Amf0Value {}

  /** ECMA array marker 0x08 (§2.10): an associative array with an advisory count. */
  record EcmaArrayValue(Map<String, Amf0Value> properties) implements Amf0Value {
    public EcmaArrayValue {
      properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
  }

  /** Strict array marker 0x0A (§2.12): an ordinal array. */
  record StrictArrayValue(List<Amf0Value> elements) implements Amf0Value {
    public StrictArrayValue {
      elements = List.copyOf(elements);
    }
  }

  /** The AMF0 null. */
  NullValue NULL = new NullValue();

  /** The AMF0 undefined. */
  UndefinedValue UNDEFINED = new UndefinedValue();

  /** A number. */
  static NumberValue number(double value) {
    return new NumberValue(value);
  }

  /** A string. */
  static StringValue string(String value) {
    return new StringValue(value);
  }

  /** An object of alternating names and values: {@code object("level", string("status"))}. */
  static ObjectValue object(Object... namesAndValues) {
    Map<String, Amf0Value> properties = new LinkedHashMap<>();
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    for (int i = 0; i < namesAndValues.length; i += 2) {
      properties.put((String) namesAndValues[i], (Amf0Value) namesAndValues[i + 1]);
    }
    return new ObjectValue(properties);
  }
}
