package dev.abr.ingest.live.rtmp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;

/**
 * An RTMP ingest server on plain JDK sockets: one virtual thread per connection.
 *
 * <p>Clients push to {@code rtmp://host:port/<app>/<streamKey>}. The server does the handshake
 * (simple or digest, see {@link HandshakeKind}), the chunk stream and the NetConnection/NetStream
 * commands ({@code connect}, {@code releaseStream}, {@code FCPublish}, {@code createStream}, {@code
 * publish}, {@code FCUnpublish}, {@code deleteStream}, {@code closeStream}); at {@code publish} it
 * asks the {@link Authorizer}, and only after a grant accepts media. A refused client gets {@code
 * NetStream.Publish.BadName} and is disconnected; so is a second publisher of a stream id that is
 * live. Each granted publish becomes a {@link PublishSession} handed to the {@link PublishHandler}.
 *
 * <p>Malformed input, a limit exceeded ({@link RtmpServerSettings}) or silence past the read
 * timeout closes that connection only. Stream keys never reach logs, exception messages or the
 * listener. Thread-safe.
 */
public final class RtmpServer implements AutoCloseable {
  private final RtmpServerSettings settings;
  private final Authorizer authorizer;
  private final PublishHandler handler;
  private final RtmpListener listener;
  private final ServerSocket serverSocket;
  private final Semaphore connectionSlots;
  private final Set<RtmpConnection> connections = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, RtmpConnection> live = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;
  private final SecureRandom random = new SecureRandom();
  private final Thread acceptor;
  private volatile boolean closed;

  private RtmpServer(
      RtmpServerSettings settings,
      Authorizer authorizer,
      PublishHandler handler,
      RtmpListener listener,
      ServerSocket serverSocket) {
    this.settings = settings;
    this.authorizer = authorizer;
    this.handler = handler;
    this.listener = listener;
    this.serverSocket = serverSocket;
    this.connectionSlots = new Semaphore(settings.maxConnections());
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "rtmp-timeouts-" + serverSocket.getLocalPort());
              thread.setDaemon(true);
              return thread;
            });
    this.acceptor =
        Thread.ofVirtual()
            .name("rtmp-accept-" + serverSocket.getLocalPort())
            .unstarted(this::accept);
  }

  /**
   * Binds and starts accepting connections.
   *
   * @param listener observes connections, publishes and tags (for example {@link
   *     LoggingRtmpListener})
   * @throws IOException when the address cannot be bound
   */
  public static RtmpServer start(
      RtmpServerSettings settings,
      Authorizer authorizer,
      PublishHandler handler,
      RtmpListener listener)
      throws IOException {
    ServerSocket serverSocket = new ServerSocket();
    try {
      serverSocket.bind(settings.bindAddress(), 64);
    } catch (IOException e) {
      serverSocket.close();
      throw e;
    }
    RtmpServer server = new RtmpServer(settings, authorizer, handler, listener, serverSocket);
    server.acceptor.start();
    return server;
  }

  /** {@link #start(RtmpServerSettings, Authorizer, PublishHandler, RtmpListener)} with logging. */
  public static RtmpServer start(
      RtmpServerSettings settings, Authorizer authorizer, PublishHandler handler)
      throws IOException {
    return start(settings, authorizer, handler, new LoggingRtmpListener());
  }

  /** The bound address (with the actual port when the settings asked for port 0). */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverSocket.getLocalSocketAddress();
  }

  /** The bound port. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** Ids of the streams being published now. */
  public Set<String> liveStreamIds() {
    return Set.copyOf(live.keySet());
  }

  /** Connections open now, publishing or not. */
  public int openConnections() {
    return connections.size();
  }

  /**
   * Disconnects the publisher of {@code streamId}, for example after its key was revoked ({@link
   * CloseReason#DISCONNECTED}). Its FLV stream ends after what was received.
   *
   * @return true if the stream was live
   */
  public boolean disconnect(String streamId) {
    RtmpConnection connection = live.get(streamId);
    if (connection == null) {
      return false;
    }
    connection.close(CloseReason.DISCONNECTED);
    return true;
  }

  /** Stops accepting and closes every connection ({@link CloseReason#SERVER_STOPPED}). */
  @Override
  public void close() {
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException e) {
      // closing; nothing to do
    }
    for (RtmpConnection connection : connections) {
      connection.close(CloseReason.SERVER_STOPPED);
    }
    timer.shutdownNow();
  }

  private void accept() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue; // a failed accept (for example the peer reset) does not stop the server
      }
      InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
      if (!connectionSlots.tryAcquire()) {
        listener.connectionOpened(peer);
        closeQuietly(socket);
        listener.connectionClosed(peer, CloseReason.OVER_CAPACITY, null);
        continue;
      }
      RtmpConnection connection =
          new RtmpConnection(socket, peer, settings, authorizer, handler, listener, this, random);
      connections.add(connection);
      Thread.ofVirtual().name("rtmp-" + peer).start(connection::run);
      if (closed) {
        connection.close(CloseReason.SERVER_STOPPED);
      }
    }
  }

  ScheduledExecutorService timer() {
    return timer;
  }

  /** Registers {@code connection} as the publisher of {@code streamId}, unless one is live. */
  boolean claim(String streamId, RtmpConnection connection) {
    return !closed && live.putIfAbsent(streamId, connection) == null;
  }

  void release(String streamId, RtmpConnection connection) {
    live.remove(streamId, connection);
  }

  void closed(RtmpConnection connection) {
    if (connections.remove(connection)) {
      connectionSlots.release();
    }
  }

  static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closing
    }
  }
}
