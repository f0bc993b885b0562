package dev.abr.ingest.live.rtmp;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.ingest.live.rtmp.Amf0Value.BooleanValue;
import dev.abr.ingest.live.rtmp.Amf0Value.EcmaArrayValue;
import dev.abr.ingest.live.rtmp.Amf0Value.NullValue;
import dev.abr.ingest.live.rtmp.Amf0Value.NumberValue;
import dev.abr.ingest.live.rtmp.Amf0Value.ObjectValue;
import dev.abr.ingest.live.rtmp.Amf0Value.StrictArrayValue;
import dev.abr.ingest.live.rtmp.Amf0Value.StringValue;
import dev.abr.ingest.live.rtmp.Amf0Value.UndefinedValue;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMF0 encoder and decoder for the values RTMP commands use (AMF0 specification §2): number,
 * boolean, string, long string, object, null, undefined, ECMA array, strict array and the
 * object-end marker. Other markers (reference, date, XML, typed object, AMF3 switch) are refused.
 * Stateless and thread-safe.
 */
final class Amf0 {
  static final int NUMBER = 0x00;
  static final int BOOLEAN = 0x01;
  static final int STRING = 0x02;
  static final int OBJECT = 0x03;
  static final int NULL = 0x05;
  static final int UNDEFINED = 0x06;
  static final int ECMA_ARRAY = 0x08;
  static final int OBJECT_END = 0x09;
  static final int STRICT_ARRAY = 0x0A;
  static final int LONG_STRING = 0x0C;

  /** Deeper nesting than this is refused, so hostile input cannot exhaust the stack. */
  private static final int MAX_DEPTH = 32;

  private Amf0() {}

  /**
   * Decodes every value in {@code bytes}.
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} when the bytes are not a sequence
   *     of supported AMF0 values
   */
  static List<Amf0Value> decodeAll(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    List<Amf0Value> values = new ArrayList<>();
    while (buffer.hasRemaining()) {
      values.add(decode(buffer));
    }
    return values;
  }

  /**
   * Decodes one value at the buffer's position and advances past it.
   *
   * @throws PipelineException {@link ErrorCode#INPUT_UNREADABLE} when it is not a supported AMF0
   *     value
   */
  static Amf0Value decode(ByteBuffer buffer) {
    try {
      return decode(buffer, 0);
    } catch (BufferUnderflowException e) {
      throw malformed("AMF0 value is truncated");
    }
  }

  private static Amf0Value decode(ByteBuffer buffer, int depth) {
    if (depth > MAX_DEPTH) {
      throw malformed("AMF0 values nest deeper than " + MAX_DEPTH);
    }
    int marker = buffer.get() & 0xFF;
    return switch (marker) {
      case NUMBER -> new NumberValue(buffer.getDouble());
      case BOOLEAN -> new BooleanValue(buffer.get() != 0);
      case STRING -> new StringValue(utf8(buffer, buffer.getShort() & 0xFFFF));
      case LONG_STRING -> new StringValue(utf8(buffer, length(buffer.getInt())));
      case OBJECT -> new ObjectValue(properties(buffer, depth));
      case NULL -> Amf0Value.NULL;
      case UNDEFINED -> Amf0Value.UNDEFINED;
      case ECMA_ARRAY -> {
        buffer.getInt(); // advisory count (§2.10); the end marker is what ends the array
        yield new EcmaArrayValue(properties(buffer, depth));
      }
      case STRICT_ARRAY -> {
        int count = length(buffer.getInt());
        if (count > buffer.remaining()) {
          throw malformed("AMF0 strict array declares " + count + " elements");
        }
        List<Amf0Value> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          elements.add(decode(buffer, depth + 1));
        }
        yield new StrictArrayValue(elements);
      }
      default -> throw malformed("unsupported AMF0 marker 0x" + Integer.toHexString(marker));
    };
  }

  private static Map<String, Amf0Value> properties(ByteBuffer buffer, int depth) {
    Map<String, Amf0Value> properties = new LinkedHashMap<>();
    while (true) {
      String name = utf8(buffer, buffer.getShort() & 0xFFFF);
      if (name.isEmpty()) {
        int marker = buffer.get() & 0xFF;
        if (marker == OBJECT_END) {
          return properties;
        }
        buffer.position(buffer.position() - 1);
      }
      properties.put(name, decode(buffer, depth + 1));
    }
  }

  private static int length(int declared) {
    if (declared < 0) {
      throw malformed("AMF0 length " + Integer.toUnsignedString(declared) + " is too large");
    }
    return declared;
  }

  private static String utf8(ByteBuffer buffer, int lengthBytes) {
    if (lengthBytes > buffer.remaining()) {
      throw new BufferUnderflowException();
    }
    ByteBuffer slice = buffer.slice(buffer.position(), lengthBytes);
    buffer.position(buffer.position() + lengthBytes);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(slice)
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed("AMF0 string is not UTF-8");
    }
  }

  /** Encodes {@code values} one after another. */
  static byte[] encode(List<? extends Amf0Value> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Amf0Value value : values) {
      write(value, out);
    }
    return out.toByteArray();
  }

  /** Encodes {@code values} one after another. */
  static byte[] encode(Amf0Value... values) {
    return encode(List.of(values));
  }

  private static void write(Amf0Value value, ByteArrayOutputStream out) {
    switch (value) {
      case NumberValue number -> {
        out.write(NUMBER);
        writeLong(out, Double.doubleToLongBits(number.value()));
      }
      case BooleanValue bool -> {
        out.write(BOOLEAN);
        out.write(bool.value() ? 1 : 0);
      }
      case StringValue string -> {
        byte[] utf8 = string.value().getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
          out.write(LONG_STRING);
          writeInt(out, utf8.length);
        } else {
          out.write(STRING);
          writeShort(out, utf8.length);
        }
        out.writeBytes(utf8);
      }
      case ObjectValue object -> {
        out.write(OBJECT);
        writeProperties(object.properties(), out);
      }
      case NullValue ignored -> out.write(NULL);
      case UndefinedValue ignored -> out.write(UNDEFINED);
      case EcmaArrayValue array -> {
        out.write(ECMA_ARRAY);
        writeInt(out, array.properties().size());
        writeProperties(array.properties(), out);
      }
      case StrictArrayValue array -> {
        out.write(STRICT_ARRAY);
        writeInt(out, array.elements().size());
        for (Amf0Value element : array.elements()) {
          write(element, out);
        }
      }
    }
  }

  private static void writeProperties(
      Map<String, Amf0Value> properties, ByteArrayOutputStream out) {
    for (Map.Entry<String, Amf0Value> property : properties.entrySet()) {
      byte[] name = property.getKey().getBytes(StandardCharsets.UTF_8);
      if (name.length > 0xFFFF) {
        throw new IllegalArgumentException("AMF0 property name is longer than 65535 bytes");
      }
      writeShort(out, name.length);
      out.writeBytes(name);
      write(property.getValue(), out);
    }
    writeShort(out, 0);
    out.write(OBJECT_END);
  }

  private static void writeShort(ByteArrayOutputStream out, int value) {
    out.write(value >>> 8);
    out.write(value);
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    writeShort(out, value >>> 16);
    writeShort(out, value & 0xFFFF);
  }

  private static void writeLong(ByteArrayOutputStream out, long value) {
    writeInt(out, (int) (value >>> 32));
    writeInt(out, (int) value);
  }

  private static PipelineException malformed(String message) {
    return new PipelineException(ErrorCode.INPUT_UNREADABLE, message);
  }
}
