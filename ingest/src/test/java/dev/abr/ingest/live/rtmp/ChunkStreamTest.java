package dev.abr.ingest.live.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ChunkReader} and {@link ChunkWriter}: RTMP specification 1.0 §5.3. */
class ChunkStreamTest {
  private static final HexFormat HEX = HexFormat.of();

  private static byte[] bytes(int length, int seed) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + seed);
    }
    return bytes;
  }

  private static byte[] write(int chunkSize, RtmpMessage... messages) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChunkWriter writer = new ChunkWriter(out);
    writer.setChunkSize(chunkSize);
    for (RtmpMessage message : messages) {
      writer.write(message);
    }
    writer.flush();
    return out.toByteArray();
  }

  private static ChunkReader reader(byte[] bytes, int chunkSize) {
    return reader(new ByteArrayInputStream(bytes), chunkSize);
  }

  private static ChunkReader reader(InputStream in, int chunkSize) {
    ChunkReader reader = new ChunkReader(in, 1 << 20, 1 << 20, 64);
    reader.setChunkSize(chunkSize);
    return reader;
  }

  private static List<RtmpMessage> readAll(ChunkReader reader) throws IOException {
    List<RtmpMessage> messages = new ArrayList<>();
    while (true) {
      try {
        messages.add(reader.readMessage());
      } catch (EOFException e) {
        return messages;
      }
    }
  }

  private static void assertSame(RtmpMessage actual, RtmpMessage expected) {
    assertThat(actual.toString()).isEqualTo(expected.toString());
    assertThat(actual.payload()).isEqualTo(expected.payload());
  }

  /** Like InputStream from a socket that hands out one byte per read. */
  private static final class OneByteAtATime extends InputStream {
    private final ByteArrayInputStream in;

    OneByteAtATime(byte[] bytes) {
      in = new ByteArrayInputStream(bytes);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return len == 0 ? 0 : in.read(b, off, 1);
    }
  }

  @Test
  void write_fourMessages_usesHeaderTypesZeroToThree() throws IOException {
    byte[] chunks =
        write(
            128,
            new RtmpMessage(4, MessageType.AUDIO, 1, 1000, HEX.parseHex("aa")),
            new RtmpMessage(4, MessageType.AUDIO, 1, 1020, HEX.parseHex("bb")),
            new RtmpMessage(4, MessageType.AUDIO, 1, 1040, HEX.parseHex("cc")),
            new RtmpMessage(4, MessageType.VIDEO, 1, 1050, HEX.parseHex("dddd")));

    assertThat(HEX.formatHex(chunks))
        .isEqualTo(
            "04"
                + "0003e8"
                + "000001"
                + "08"
                + "01000000"
                + "aa" // type 0: absolute 1000
                + "84"
                + "000014"
                + "bb" // type 2: delta 20
                + "c4"
                + "cc" // type 3: delta 20 again
                + "44"
                + "00000a"
                + "000002"
                + "09"
                + "dddd"); // type 1: new length and type
  }

  @Test
  void read_headerTypesZeroToThree_restoresTimestampsAndHeaders() throws IOException {
    byte[] chunks =
        HEX.parseHex(
            "04"
                + "0003e8"
                + "000001"
                + "08"
                + "01000000"
                + "aa"
                + "84"
                + "000014"
                + "bb"
                + "c4"
                + "cc"
                + "44"
                + "00000a"
                + "000002"
                + "09"
                + "dddd");

    List<RtmpMessage> messages = readAll(reader(chunks, 128));

    assertThat(messages)
        .extracting(RtmpMessage::timestampMillis)
        .containsExactly(1000L, 1020L, 1040L, 1050L);
    assertThat(messages).extracting(RtmpMessage::typeId).containsExactly(8, 8, 8, 9);
    assertThat(messages).extracting(RtmpMessage::messageStreamId).containsOnly(1);
    assertThat(messages.get(3).payload()).isEqualTo(HEX.parseHex("dddd"));
  }

  @Test
  void write_messageLongerThanChunk_continuesWithTypeThreeChunks() throws IOException {
    byte[] payload = bytes(300, 1);

    byte[] chunks = write(128, new RtmpMessage(3, MessageType.COMMAND_AMF0, 0, 0, payload));

    assertThat(chunks).hasSize(12 + 128 + 1 + 128 + 1 + 44);
    assertThat(chunks[12 + 128] & 0xFF).isEqualTo(0xC3);
    assertThat(chunks[12 + 128 + 1 + 128] & 0xFF).isEqualTo(0xC3);
  }

  @Test
  void readWrite_chunkStreamIdsOfOneTwoAndThreeBytes_roundTrip() throws IOException {
    RtmpMessage[] messages = {
      new RtmpMessage(63, MessageType.AUDIO, 1, 5, bytes(10, 1)),
      new RtmpMessage(64, MessageType.AUDIO, 1, 5, bytes(10, 2)),
      new RtmpMessage(319, MessageType.AUDIO, 1, 5, bytes(10, 3)),
      new RtmpMessage(320, MessageType.AUDIO, 1, 5, bytes(10, 4)),
      new RtmpMessage(65_599, MessageType.VIDEO, 1, 7, bytes(300, 5)),
    };
    byte[] chunks = write(128, messages);

    List<RtmpMessage> read = readAll(reader(chunks, 128));

    assertThat(HEX.formatHex(chunks, 0, 2)).isEqualTo("3f00"); // 1-byte basic header: csid 63
    assertThat(read).hasSize(messages.length);
    for (int i = 0; i < messages.length; i++) {
      assertSame(read.get(i), messages[i]);
    }
  }

  @Test
  void write_timestampAboveTwentyFourBits_writesExtendedTimestampInEveryChunk() throws IOException {
    byte[] chunks = write(4, new RtmpMessage(6, MessageType.VIDEO, 1, 0x0100_0000L, bytes(6, 9)));

    assertThat(HEX.formatHex(chunks))
        .isEqualTo(
            "06"
                + "ffffff"
                + "000006"
                + "09"
                + "01000000"
                + "01000000"
                + HEX.formatHex(bytes(6, 9), 0, 4)
                + "c6"
                + "01000000"
                + HEX.formatHex(bytes(6, 9), 4, 6));
  }

  @Test
  void read_extendedTimestampRepeatedOnTypeThreeChunks_asFfmpegWritesIt() throws IOException {
    byte[] payload = bytes(300, 7);
    byte[] chunks =
        write(
            128,
            new RtmpMessage(6, MessageType.VIDEO, 1, 0x0123_4567L, payload),
            new RtmpMessage(6, MessageType.VIDEO, 1, 0x0123_4567L + 40, bytes(300, 8)));

    List<RtmpMessage> read = readAll(reader(chunks, 128));

    assertThat(read)
        .extracting(RtmpMessage::timestampMillis)
        .containsExactly(0x0123_4567L, 0x0123_4567L + 40);
    assertThat(read.get(0).payload()).isEqualTo(payload);
  }

  @Test
  void read_extendedTimestampLeftOutOfContinuationChunks_asRtmpdumpWritesIt() throws IOException {
    byte[] payload = bytes(12, 3);
    byte[] chunks =
        HEX.parseHex(
            "06"
                + "ffffff"
                + "00000c"
                + "09"
                + "01000000"
                + "01000000"
                + HEX.formatHex(payload, 0, 4)
                + "c6"
                + HEX.formatHex(payload, 4, 8)
                + "c6"
                + HEX.formatHex(payload, 8, 12));

    RtmpMessage message = reader(chunks, 4).readMessage();

    assertThat(message.timestampMillis()).isEqualTo(0x0100_0000L);
    assertThat(message.payload()).isEqualTo(payload);
  }

  @Test
  void read_typeThreeChunkStartingMessageAfterExtendedDelta_readsNewDelta() throws IOException {
    byte[] chunks =
        HEX.parseHex(
            "06"
                + "000000"
                + "000001"
                + "09"
                + "01000000"
                + "aa" // ts 0
                + "86"
                + "ffffff"
                + "01000000"
                + "bb" // type 2: extended delta 2^24
                + "c6"
                + "01000005"
                + "cc"); // type 3 new message: extended delta 2^24 + 5

    List<RtmpMessage> read = readAll(reader(chunks, 128));

    assertThat(read)
        .extracting(RtmpMessage::timestampMillis)
        .containsExactly(0L, 0x0100_0000L, 0x0200_0005L);
  }

  @Test
  void read_deltasPastTwoToThe32_wrapModulo2To32() throws IOException {
    byte[] chunks =
        write(
            128,
            new RtmpMessage(6, MessageType.VIDEO, 1, 0xFFFF_FFF0L, HEX.parseHex("aa")),
            new RtmpMessage(6, MessageType.VIDEO, 1, 0xFFFF_FFFFL, HEX.parseHex("bb")));
    byte[] wrapped = HEX.parseHex(HEX.formatHex(chunks) + "86" + "000020" + "cc");

    List<RtmpMessage> read = readAll(reader(wrapped, 128));

    assertThat(read)
        .extracting(RtmpMessage::timestampMillis)
        .containsExactly(0xFFFF_FFF0L, 0xFFFF_FFFFL, 0x1FL);
  }

  @Test
  void read_interleavedChunkStreams_reassemblesEachMessage() throws IOException {
    byte[] audio = bytes(200, 1);
    byte[] video = bytes(200, 2);
    byte[] chunks =
        HEX.parseHex(
            "04"
                + "000000"
                + "0000c8"
                + "08"
                + "01000000"
                + HEX.formatHex(audio, 0, 128)
                + "06"
                + "000000"
                + "0000c8"
                + "09"
                + "01000000"
                + HEX.formatHex(video, 0, 128)
                + "c4"
                + HEX.formatHex(audio, 128, 200)
                + "c6"
                + HEX.formatHex(video, 128, 200));

    List<RtmpMessage> read = readAll(reader(chunks, 128));

    assertThat(read).extracting(RtmpMessage::typeId).containsExactly(8, 9);
    assertThat(read.get(0).payload()).isEqualTo(audio);
    assertThat(read.get(1).payload()).isEqualTo(video);
  }

  @Test
  void read_oneBytePerRead_reassemblesTheSameMessages() throws IOException {
    RtmpMessage message = new RtmpMessage(6, MessageType.VIDEO, 1, 0x0123_4567L, bytes(1000, 4));
    byte[] chunks = write(128, message, message);

    List<RtmpMessage> read = readAll(reader(new OneByteAtATime(chunks), 128));

    assertThat(read).hasSize(2);
    assertSame(read.get(0), message);
  }

  private static final String HALF_MESSAGE_THEN_ABORT_THEN_NEW_MESSAGE =
      "04"
          + "000000"
          + "000008"
          + "08"
          + "01000000"
          + "01020304" // 4 of 8 bytes (chunk size 4)
          + "02"
          + "000000"
          + "000004"
          + "02"
          + "00000000"
          + "00000004" // Abort Message: csid 4
          + "04"
          + "00000a"
          + "000001"
          + "08"
          + "01000000"
          + "ff"; // a new message on csid 4

  @Test
  void abort_partialMessage_isDroppedAndTheNextMessageReads() throws IOException {
    ChunkReader reader = reader(HEX.parseHex(HALF_MESSAGE_THEN_ABORT_THEN_NEW_MESSAGE), 4);

    RtmpMessage abort = reader.readMessage();
    reader.abort(4);
    RtmpMessage next = reader.readMessage();

    assertThat(abort.typeId()).isEqualTo(MessageType.ABORT);
    assertThat(next.timestampMillis()).isEqualTo(10);
    assertThat(next.payload()).isEqualTo(HEX.parseHex("ff"));
  }

  @Test
  void read_newHeaderInsideAMessageWithoutAbort_throwsInputUnreadable() throws IOException {
    ChunkReader reader = reader(HEX.parseHex(HALF_MESSAGE_THEN_ABORT_THEN_NEW_MESSAGE), 4);
    reader.readMessage();

    assertThatThrownBy(reader::readMessage)
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("inside a message");
  }

  @Test
  void setChunkSize_largerSize_readsLargerChunks() throws IOException {
    byte[] payload = bytes(4096, 2);
    byte[] chunks = write(4096, new RtmpMessage(6, MessageType.VIDEO, 1, 0, payload));

    RtmpMessage message = reader(chunks, 4096).readMessage();

    assertThat(message.payload()).isEqualTo(payload);
  }

  @Test
  void setChunkSize_aboveLimit_throwsOverLimits() {
    ChunkReader reader =
        new ChunkReader(new ByteArrayInputStream(new byte[0]), 1 << 20, 65_536, 64);

    assertThatThrownBy(() -> reader.setChunkSize(65_537))
        .isInstanceOf(PipelineException.class)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_OVER_LIMITS);
  }

  @Test
  void read_messageAboveLimit_throwsOverLimitsBeforeReadingIt() {
    byte[] header = HEX.parseHex("06" + "000000" + "ffffff" + "09" + "01000000");
    ChunkReader reader = new ChunkReader(new ByteArrayInputStream(header), 65_536, 65_536, 64);

    assertThatThrownBy(reader::readMessage)
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("16777215 bytes")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_OVER_LIMITS);
  }

  @Test
  void read_tooManyChunkStreams_throwsOverLimits() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int csid = 2; csid < 12; csid++) {
      out.writeBytes(
          HEX.parseHex("%02x".formatted(csid) + "000000" + "000001" + "08" + "01000000" + "aa"));
    }
    ChunkReader reader =
        new ChunkReader(new ByteArrayInputStream(out.toByteArray()), 1 << 20, 1 << 20, 4);

    assertThatThrownBy(() -> readAll(reader))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("more than 4 chunk streams");
  }

  @Test
  void read_firstChunkOfStreamNotTypeZero_throwsInputUnreadable() {
    ChunkReader reader = reader(HEX.parseHex("c4aa"), 128);

    assertThatThrownBy(reader::readMessage)
        .isInstanceOf(PipelineException.class)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(ErrorCode.INPUT_UNREADABLE);
  }

  @Test
  void read_truncatedChunk_throwsEof() {
    ChunkReader reader =
        reader(HEX.parseHex("04" + "000000" + "000010" + "08" + "01000000" + "aabb"), 128);

    assertThatThrownBy(reader::readMessage).isInstanceOf(EOFException.class);
  }

  @Test
  void bytesRead_countsEveryByteOfTheChunkStream() throws IOException {
    byte[] chunks =
        write(128, new RtmpMessage(6, MessageType.VIDEO, 1, 0x0123_4567L, bytes(1000, 4)));
    ChunkReader reader = reader(chunks, 128);

    reader.readMessage();

    assertThat(reader.bytesRead()).isEqualTo(chunks.length);
  }
}
