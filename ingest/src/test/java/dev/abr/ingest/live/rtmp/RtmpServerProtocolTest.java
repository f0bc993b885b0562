package dev.abr.ingest.live.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.ingest.live.rtmp.Amf0Value.ObjectValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's side of the conversation, message by message (RTMP specification 1.0 §5.4, §7). */
class RtmpServerProtocolTest {
  @TempDir Path folder;
  private final RecordingRtmpListener listener = new RecordingRtmpListener();
  private RtmpServer server;
  private RawRtmpClient client;

  @BeforeEach
  void start() throws IOException {
    server =
        RtmpServer.start(
            RtmpServerSettings.loopback(),
            new InMemoryAuthorizer("live"),
            new FlvCapture(folder),
            listener);
    client = RawRtmpClient.connect(server.port());
    client.simpleHandshake();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  /** One message in a single type-0 chunk (client chunk size 128, so bodies up to 128 bytes). */
  private static byte[] message(int chunkStreamId, int typeId, int messageStreamId, byte[] body) {
    if (body.length > 128) {
      throw new IllegalArgumentException("body longer than one chunk");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(chunkStreamId);
    out.writeBytes(new byte[3]);
    out.write(ByteBuffer.allocate(4).putInt(body.length).array(), 1, 3);
    out.write(typeId);
    out.writeBytes(ByteBuffer.allocate(4).putInt(Integer.reverseBytes(messageStreamId)).array());
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static byte[] command(Amf0Value... values) {
    return message(3, MessageType.COMMAND_AMF0, 0, Amf0.encode(values));
  }

  private static byte[] connect() {
    return command(
        Amf0Value.string("connect"),
        Amf0Value.number(1),
        Amf0Value.object(
            "app", Amf0Value.string("live"), "tcUrl", Amf0Value.string("rtmp://x/live")));
  }

  @Test
  void connect_answersWindowBandwidthChunkSizeStreamBeginThenSuccess() throws IOException {
    client.send(connect());

    List<RtmpMessage> messages = new ArrayList<>();
    do {
      messages.add(client.readMessage());
    } while (messages.get(messages.size() - 1).typeId() != MessageType.COMMAND_AMF0);

    assertThat(messages)
        .extracting(RtmpMessage::typeId)
        .containsExactly(
            MessageType.WINDOW_ACKNOWLEDGEMENT_SIZE,
            MessageType.SET_PEER_BANDWIDTH,
            MessageType.SET_CHUNK_SIZE,
            MessageType.USER_CONTROL,
            MessageType.COMMAND_AMF0);
    assertThat(HexFormat.of().formatHex(messages.get(0).payload()))
        .isEqualTo("002625a0"); // 2 500 000
    assertThat(HexFormat.of().formatHex(messages.get(1).payload()))
        .isEqualTo("002625a002"); // dynamic
    assertThat(HexFormat.of().formatHex(messages.get(2).payload())).isEqualTo("00001000"); // 4 096
    assertThat(HexFormat.of().formatHex(messages.get(3).payload())).isEqualTo("000000000000");
    List<Amf0Value> result = Amf0.decodeAll(messages.get(4).payload());
    assertThat(result.subList(0, 2))
        .containsExactly(Amf0Value.string("_result"), Amf0Value.number(1));
    assertThat(((ObjectValue) result.get(3)).string("code"))
        .contains("NetConnection.Connect.Success");
  }

  @Test
  void createStream_afterUnknownCommand_answersWithStreamIdOne() throws IOException {
    client.send(connect());
    client.readUntil(MessageType.COMMAND_AMF0);

    client.send(command(Amf0Value.string("_checkbw"), Amf0Value.number(2), Amf0Value.NULL));
    client.send(command(Amf0Value.string("createStream"), Amf0Value.number(3), Amf0Value.NULL));

    List<Amf0Value> result = Amf0.decodeAll(client.readUntil(MessageType.COMMAND_AMF0).payload());
    assertThat(result)
        .containsExactly(
            Amf0Value.string("_result"), Amf0Value.number(3), Amf0Value.NULL, Amf0Value.number(1));
  }

  @Test
  void pingRequest_isAnsweredWithPingResponseCarryingTheSameTimestamp() throws IOException {
    client.send(message(2, MessageType.USER_CONTROL, 0, HexFormat.of().parseHex("000600abcdef")));

    RtmpMessage response = client.readUntil(MessageType.USER_CONTROL);

    assertThat(HexFormat.of().formatHex(response.payload())).isEqualTo("000700abcdef");
  }

  @Test
  void bytesPastTheClientsWindow_areAcknowledged() throws IOException {
    client.send(
        message(
            2, MessageType.WINDOW_ACKNOWLEDGEMENT_SIZE, 0, HexFormat.of().parseHex("000003e8")));
    for (int i = 0; i < 10; i++) {
      client.send(
          message(4, MessageType.DATA_AMF0, 1, Amf0.encode(Amf0Value.string("x".repeat(100)))));
    }

    RtmpMessage acknowledgement = client.readUntil(MessageType.ACKNOWLEDGEMENT);

    assertThat(ByteBuffer.wrap(acknowledgement.payload()).getInt()).isBetween(1000, 1300);
  }

  @Test
  void publishWithoutCreateStream_closesTheConnection() throws IOException {
    client.send(connect());
    client.readUntil(MessageType.COMMAND_AMF0);

    client.send(
        message(
            8,
            MessageType.COMMAND_AMF0,
            7,
            Amf0.encode(
                Amf0Value.string("publish"),
                Amf0Value.number(0),
                Amf0Value.NULL,
                Amf0Value.string("k"))));

    assertThat(client.awaitClosedByServer(java.time.Duration.ofSeconds(20))).isTrue();
    assertThat(listener.refused).isEmpty();
  }
}
