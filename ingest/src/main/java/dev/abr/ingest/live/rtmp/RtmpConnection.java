package dev.abr.ingest.live.rtmp;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.ingest.live.BytePipe;
import dev.abr.ingest.live.rtmp.Amf0Value.NumberValue;
import dev.abr.ingest.live.rtmp.Amf0Value.ObjectValue;
import dev.abr.ingest.live.rtmp.Amf0Value.StringValue;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One client connection, run on its own virtual thread: handshake, then messages in order until the
 * client leaves or something closes it. Everything sent to the client is written from that thread;
 * other threads only {@link #close(CloseReason)} it.
 */
final class RtmpConnection {
  private static final int CONTROL_CHUNK_STREAM = 2;
  private static final int COMMAND_CHUNK_STREAM = 3;
  private static final int STATUS_CHUNK_STREAM = 5;
  private static final int STREAM_BEGIN = 0;
  private static final int PING_REQUEST = 6;
  private static final int PING_RESPONSE = 7;
  private static final int PEER_BANDWIDTH_DYNAMIC = 2;

  private final Socket socket;
  private final InetSocketAddress peer;
  private final RtmpServerSettings settings;
  private final Authorizer authorizer;
  private final PublishHandler handler;
  private final RtmpListener listener;
  private final RtmpServer server;
  private final RandomGenerator random;
  private final AtomicReference<CloseReason> closeReason = new AtomicReference<>();

  private @Nullable ChunkReader reader;
  private @Nullable ChunkWriter writer;
  private @Nullable String app;
  private final Set<Integer> createdStreams = new HashSet<>();
  private int nextStreamId = 1;
  private long acknowledgementWindowBytes;
  private long acknowledgedBytes;
  private volatile @Nullable PublishSession session;
  private int publishedMessageStreamId;
  private @Nullable String streamId;

  RtmpConnection(
      Socket socket,
      InetSocketAddress peer,
      RtmpServerSettings settings,
      Authorizer authorizer,
      PublishHandler handler,
      RtmpListener listener,
      RtmpServer server,
      RandomGenerator random) {
    this.socket = socket;
    this.peer = peer;
    this.settings = settings;
    this.authorizer = authorizer;
    this.handler = handler;
    this.listener = listener;
    this.server = server;
    this.random = random;
    this.acknowledgementWindowBytes = settings.windowAcknowledgementBytes();
  }

  /** Closes the connection from any thread; the first reason given wins. */
  void close(CloseReason reason) {
    closeReason.compareAndSet(null, reason);
    PublishSession current = session;
    if (current != null) {
      current.finish(closeReason.get()); // wakes the reading thread if it waits for the consumer
    }
    RtmpServer.closeQuietly(socket);
  }

  void run() {
    CloseReason reason = CloseReason.INTERNAL_ERROR;
    Throwable failure = null;
    ScheduledFuture<?> handshakeDeadline = null;
    ScheduledFuture<?> publishDeadline = null;
    try {
      listener.connectionOpened(peer);
      handshakeDeadline = schedule(settings.handshakeTimeout().toMillis());
      publishDeadline = schedule(settings.publishTimeout().toMillis());
      socket.setSoTimeout((int) settings.readTimeout().toMillis());
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      BufferedOutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
      HandshakeKind kind = Handshake.perform(in, out, random);
      handshakeDeadline.cancel(false);
      listener.handshakeCompleted(peer, kind);
      reader =
          new ChunkReader(
              in, settings.maxMessageBytes(), settings.maxChunkBytes(), settings.maxChunkStreams());
      writer = new ChunkWriter(out);
      while (true) {
        RtmpMessage message = reader.readMessage();
        handle(message);
        if (session != null) {
          publishDeadline.cancel(false);
        }
        acknowledge();
        writer.flush();
      }
    } catch (Refusal refusal) {
      reason = CloseReason.REFUSED;
    } catch (EOFException e) {
      reason = CloseReason.CLIENT_CLOSED;
    } catch (SocketTimeoutException e) {
      reason = CloseReason.TIMED_OUT;
    } catch (PipelineException e) {
      reason = CloseReason.PROTOCOL_ERROR;
      failure = e;
    } catch (IOException e) {
      reason = CloseReason.CLIENT_CLOSED;
      failure = e;
    } catch (RuntimeException e) {
      reason = CloseReason.INTERNAL_ERROR;
      failure = e;
    } finally {
      if (handshakeDeadline != null) {
        handshakeDeadline.cancel(false);
      }
      if (publishDeadline != null) {
        publishDeadline.cancel(false);
      }
      closeReason.compareAndSet(null, reason);
      CloseReason finalReason = closeReason.get();
      endSession(finalReason);
      RtmpServer.closeQuietly(socket);
      server.closed(this);
      listener.connectionClosed(peer, finalReason, finalReason == reason ? failure : null);
    }
  }

  private ScheduledFuture<?> schedule(long delayMillis) {
    try {
      return server
          .timer()
          .schedule(() -> close(CloseReason.TIMED_OUT), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      throw new PipelineException(ErrorCode.INTERNAL_ERROR, "server is closing", e);
    }
  }

  /** Thrown to end a connection whose publish (or play) was refused; carries no text. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refusal() {
      super(null, null, false, false);
    }
  }

  private void handle(RtmpMessage message) throws IOException {
    switch (message.typeId()) {
      case MessageType.SET_CHUNK_SIZE -> reader().setChunkSize(readUnsigned32(message));
      case MessageType.ABORT -> reader().abort(readUnsigned32(message));
      case MessageType.ACKNOWLEDGEMENT, MessageType.SET_PEER_BANDWIDTH -> {}
      case MessageType.WINDOW_ACKNOWLEDGEMENT_SIZE -> {
        long window = readUnsigned32(message);
        if (window > 0) {
          acknowledgementWindowBytes = window;
        }
      }
      case MessageType.USER_CONTROL -> userControl(message);
      case MessageType.AUDIO -> media(message, FlvTag.Type.AUDIO, message.payload());
      case MessageType.VIDEO -> media(message, FlvTag.Type.VIDEO, message.payload());
      case MessageType.DATA_AMF0 -> data(message, message.payload());
      case MessageType.DATA_AMF3 -> data(message, skipAmf3Selector(message.payload()));
      case MessageType.COMMAND_AMF0 -> command(message, message.payload());
      case MessageType.COMMAND_AMF3 -> command(message, skipAmf3Selector(message.payload()));
      case MessageType.AGGREGATE -> aggregate(message);
      default -> {} // shared objects and unknown types: not used by publishers
    }
  }

  private void userControl(RtmpMessage message) throws IOException {
    byte[] payload = message.payload();
    if (payload.length >= 6 && (((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)) == PING_REQUEST) {
      byte[] response = Arrays.copyOf(payload, 6);
      response[1] = PING_RESPONSE;
      send(MessageType.USER_CONTROL, CONTROL_CHUNK_STREAM, 0, response);
    }
  }

  /** Audio and video are accepted only on the stream whose publish was granted. */
  private void media(RtmpMessage message, FlvTag.Type type, byte[] body) throws IOException {
    PublishSession current = session;
    if (current == null || message.messageStreamId() != publishedMessageStreamId) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE,
          "client sent "
              + type
              + " before an authorized publish on message stream "
              + message.messageStreamId());
    }
    forward(current, new FlvTag(type, message.timestampMillis(), ByteBuffer.wrap(body)));
  }

  /** Data messages of the published stream become script tags; others are dropped. */
  private void data(RtmpMessage message, byte[] body) throws IOException {
    PublishSession current = session;
    if (current == null
        || message.messageStreamId() != publishedMessageStreamId
        || body.length == 0) {
      return;
    }
    ByteBuffer buffer = ByteBuffer.wrap(body);
    Amf0Value first = Amf0.decode(buffer);
    if (first instanceof StringValue name && name.value().equals("@setDataFrame")) {
      body = Arrays.copyOfRange(body, buffer.position(), body.length);
    } else if (first instanceof StringValue name && name.value().equals("@clearDataFrame")) {
      return;
    }
    forward(
        current,
        new FlvTag(FlvTag.Type.SCRIPT_DATA, message.timestampMillis(), ByteBuffer.wrap(body)));
  }

  /**
   * An aggregate message (RTMP specification 1.0 §7.1.6) holds FLV-style sub-messages whose
   * timestamps are shifted so that the first equals the aggregate's.
   */
  private void aggregate(RtmpMessage message) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(message.payload());
    long first = -1;
    while (buffer.remaining() >= 11) {
      int type = buffer.get() & 0xFF;
      int size =
          ((buffer.get() & 0xFF) << 16) | ((buffer.get() & 0xFF) << 8) | (buffer.get() & 0xFF);
      long timestamp =
          (((buffer.get() & 0xFFL) << 16) | ((buffer.get() & 0xFFL) << 8) | (buffer.get() & 0xFFL))
              | ((buffer.get() & 0xFFL) << 24);
      buffer.position(buffer.position() + 3); // stream id
      if (size + 4 > buffer.remaining()) {
        throw new PipelineException(ErrorCode.INPUT_UNREADABLE, "aggregate message is truncated");
      }
      byte[] body = new byte[size];
      buffer.get(body);
      buffer.getInt(); // back pointer
      if (first < 0) {
        first = timestamp;
      }
      long shifted = (message.timestampMillis() + timestamp - first) & 0xFFFF_FFFFL;
      RtmpMessage sub =
          new RtmpMessage(message.chunkStreamId(), type, message.messageStreamId(), shifted, body);
      switch (type) {
        case MessageType.AUDIO -> media(sub, FlvTag.Type.AUDIO, body);
        case MessageType.VIDEO -> media(sub, FlvTag.Type.VIDEO, body);
        case MessageType.DATA_AMF0 -> data(sub, body);
        default -> {}
      }
    }
  }

  private void forward(PublishSession current, FlvTag tag) throws IOException {
    listener.tagReceived(current.streamId(), tag);
    try {
      current.write(tag.toBytes());
    } catch (IOException e) {
      if (current.end().isEmpty()) {
        closeReason.compareAndSet(null, CloseReason.CONSUMER_CLOSED);
      }
      throw e;
    }
  }

  private void command(RtmpMessage message, byte[] body) throws IOException {
    List<Amf0Value> values = Amf0.decodeAll(body);
    if (values.isEmpty() || !(values.get(0) instanceof StringValue nameValue)) {
      throw new PipelineException(ErrorCode.INPUT_UNREADABLE, "command without a name");
    }
    double transactionId =
        values.size() > 1 && values.get(1) instanceof NumberValue n ? n.value() : 0;
    switch (nameValue.value()) {
      case "connect" -> connect(transactionId, values);
      case "releaseStream", "FCPublish" -> result(transactionId, Amf0Value.UNDEFINED);
      case "createStream" -> createStream(transactionId);
      case "publish" -> publish(message, values);
      case "FCUnpublish", "closeStream", "deleteStream" -> unpublish();
      case "play" -> refusePlay(message);
      default -> {} // _checkbw, getStreamLength, _result of our calls...: nothing to answer
    }
  }

  private void connect(double transactionId, List<Amf0Value> values) throws IOException {
    if (app != null) {
      throw new PipelineException(ErrorCode.INPUT_UNREADABLE, "second connect on one connection");
    }
    ObjectValue commandObject =
        values.size() > 2 && values.get(2) instanceof ObjectValue object
            ? object
            : Amf0Value.object();
    app = commandObject.string("app").orElse("");
    int window = settings.windowAcknowledgementBytes();
    send(MessageType.WINDOW_ACKNOWLEDGEMENT_SIZE, CONTROL_CHUNK_STREAM, 0, int32(window));
    byte[] peerBandwidth = Arrays.copyOf(int32(window), 5);
    peerBandwidth[4] = PEER_BANDWIDTH_DYNAMIC;
    send(MessageType.SET_PEER_BANDWIDTH, CONTROL_CHUNK_STREAM, 0, peerBandwidth);
    send(MessageType.SET_CHUNK_SIZE, CONTROL_CHUNK_STREAM, 0, int32(settings.outChunkBytes()));
    writer().setChunkSize(settings.outChunkBytes());
    send(MessageType.USER_CONTROL, CONTROL_CHUNK_STREAM, 0, streamBegin(0));
    double objectEncoding =
        commandObject.properties().get("objectEncoding") instanceof NumberValue n ? n.value() : 0;
    sendCommand(
        COMMAND_CHUNK_STREAM,
        0,
        Amf0Value.string("_result"),
        Amf0Value.number(transactionId),
        Amf0Value.object(
            "fmsVer", Amf0Value.string("FMS/3,0,1,123"), "capabilities", Amf0Value.number(31)),
        Amf0Value.object(
            "level", Amf0Value.string("status"),
            "code", Amf0Value.string("NetConnection.Connect.Success"),
            "description", Amf0Value.string("Connection succeeded."),
            "objectEncoding", Amf0Value.number(objectEncoding)));
  }

  private void createStream(double transactionId) throws IOException {
    requireConnected();
    if (createdStreams.size() >= 16) {
      throw new PipelineException(
          ErrorCode.INPUT_OVER_LIMITS, "client created more than 16 streams");
    }
    int id = nextStreamId++;
    createdStreams.add(id);
    result(transactionId, Amf0Value.number(id));
  }

  private void publish(RtmpMessage message, List<Amf0Value> values) throws IOException {
    requireConnected();
    int messageStreamId = message.messageStreamId();
    if (!createdStreams.contains(messageStreamId) || session != null) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE,
          "publish on message stream " + messageStreamId + " that was not created, or twice");
    }
    StreamKey key;
    try {
      key =
          StreamKey.of(
              values.size() > 3 && values.get(3) instanceof StringValue s ? s.value() : "");
    } catch (IllegalArgumentException e) {
      refusePublish(messageStreamId, RefusalReason.UNKNOWN_KEY);
      return;
    }
    Authorization authorization;
    try {
      authorization = authorizer.authorize(new PublishRequest(app(), key, peer));
    } catch (RuntimeException e) {
      authorization = Authorization.refuse(RefusalReason.AUTHORIZER_FAILED);
    }
    switch (authorization) {
      case Authorization.Refused refused -> refusePublish(messageStreamId, refused.reason());
      case Authorization.Granted granted -> {
        if (server.claim(granted.streamId(), this)) {
          start(messageStreamId, granted.streamId());
        } else {
          refusePublish(messageStreamId, RefusalReason.ALREADY_PUBLISHING);
        }
      }
    }
  }

  private void start(int messageStreamId, String id) throws IOException {
    streamId = id;
    publishedMessageStreamId = messageStreamId;
    BytePipe pipe = new BytePipe(settings.flvBufferBytes());
    PublishSession started =
        new PublishSession(id, peer, pipe, () -> close(CloseReason.DISCONNECTED));
    pipe.put(FlvTag.fileHeader());
    session = started;
    if (closeReason.get() != null) { // disconnected or stopped while we were granting
      throw new IOException("closed while starting the session");
    }
    send(MessageType.USER_CONTROL, CONTROL_CHUNK_STREAM, 0, streamBegin(messageStreamId));
    onStatus(messageStreamId, "status", "NetStream.Publish.Start", id + " is now published.");
    listener.publishStarted(id, peer);
    // A platform thread: handlers block in native code (FFmpeg demuxing the FLV), which would pin a
    // virtual thread's carrier and, with a few sessions, starve every connection reading its
    // socket.
    Thread.ofPlatform()
        .daemon()
        .name("rtmp-session-" + id)
        .start(
            () -> {
              try {
                handler.onPublish(started);
              } catch (Exception e) {
                listener.handlerFailed(id, e); // then ends the session like a closed consumer
              } finally {
                try {
                  started.flv().close();
                } catch (IOException e) {
                  // closing a pipe does not fail
                }
                if (started.end().isEmpty()) {
                  close(CloseReason.CONSUMER_CLOSED);
                }
              }
            });
  }

  private void refusePublish(int messageStreamId, RefusalReason reason) throws IOException {
    listener.publishRefused(peer, reason);
    onStatus(messageStreamId, "error", "NetStream.Publish.BadName", "Publish refused.");
    writer().flush();
    throw new Refusal();
  }

  private void refusePlay(RtmpMessage message) throws IOException {
    onStatus(
        message.messageStreamId(),
        "error",
        "NetStream.Play.Failed",
        "This server only accepts publishing.");
    writer().flush();
    throw new Refusal();
  }

  private void unpublish() {
    if (session != null && closeReason.get() == null) {
      endSession(CloseReason.UNPUBLISHED);
    }
  }

  private void endSession(CloseReason reason) {
    PublishSession current = session;
    String id = streamId;
    if (current == null || id == null) {
      return;
    }
    session = null;
    streamId = null;
    publishedMessageStreamId = 0;
    current.finish(reason);
    server.release(id, this);
    listener.publishEnded(id, current.end().orElse(reason));
  }

  private void acknowledge() throws IOException {
    long received = reader().bytesRead();
    if (received - acknowledgedBytes >= acknowledgementWindowBytes) {
      acknowledgedBytes = received;
      send(MessageType.ACKNOWLEDGEMENT, CONTROL_CHUNK_STREAM, 0, int32((int) received));
    }
  }

  private void result(double transactionId, Amf0Value value) throws IOException {
    sendCommand(
        COMMAND_CHUNK_STREAM,
        0,
        Amf0Value.string("_result"),
        Amf0Value.number(transactionId),
        Amf0Value.NULL,
        value);
  }

  private void onStatus(int messageStreamId, String level, String code, String description)
      throws IOException {
    sendCommand(
        STATUS_CHUNK_STREAM,
        messageStreamId,
        Amf0Value.string("onStatus"),
        Amf0Value.number(0),
        Amf0Value.NULL,
        Amf0Value.object(
            "level", Amf0Value.string(level),
            "code", Amf0Value.string(code),
            "description", Amf0Value.string(description)));
  }

  private void sendCommand(int chunkStreamId, int messageStreamId, Amf0Value... values)
      throws IOException {
    send(MessageType.COMMAND_AMF0, chunkStreamId, messageStreamId, Amf0.encode(values));
  }

  private void send(int typeId, int chunkStreamId, int messageStreamId, byte[] payload)
      throws IOException {
    writer().write(new RtmpMessage(chunkStreamId, typeId, messageStreamId, 0, payload));
  }

  private void requireConnected() {
    if (app == null) {
      throw new PipelineException(ErrorCode.INPUT_UNREADABLE, "command before connect");
    }
  }

  private String app() {
    String current = app;
    if (current == null) {
      throw new IllegalStateException("not connected");
    }
    return current;
  }

  private ChunkReader reader() {
    ChunkReader current = reader;
    if (current == null) {
      throw new IllegalStateException("no chunk stream before the handshake");
    }
    return current;
  }

  private ChunkWriter writer() {
    ChunkWriter current = writer;
    if (current == null) {
      throw new IllegalStateException("no chunk stream before the handshake");
    }
    return current;
  }

  private static byte[] skipAmf3Selector(byte[] payload) {
    // AMF3 command and data messages start with a format selector byte, 0 for AMF0 values.
    if (payload.length == 0 || payload[0] != 0) {
      throw new PipelineException(
          ErrorCode.INPUT_UNSUPPORTED_FORMAT, "AMF3-encoded messages are not supported");
    }
    return Arrays.copyOfRange(payload, 1, payload.length);
  }

  private static long readUnsigned32(RtmpMessage message) {
    byte[] payload = message.payload();
    if (payload.length < 4) {
      throw new PipelineException(
          ErrorCode.INPUT_UNREADABLE,
          "control message of type " + message.typeId() + " is shorter than 4 bytes");
    }
    return ByteBuffer.wrap(payload).getInt() & 0xFFFF_FFFFL;
  }

  private static byte[] int32(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }

  private static byte[] streamBegin(int messageStreamId) {
    return ByteBuffer.allocate(6).putShort((short) STREAM_BEGIN).putInt(messageStreamId).array();
  }
}
