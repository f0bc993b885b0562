package dev.abr.ingest.live.srt;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * An SRT ingest server (listener) on the system libsrt: many streams on one UDP port, routed by the
 * caller's stream id, each with its own passphrase.
 *
 * <p>Callers publish MPEG-TS in live mode to {@code srt://host:port?streamid=<id>&passphrase=...}
 * (or {@code streamid=#!::r=<id>,m=publish}). During the handshake, before the connection exists,
 * libsrt calls back with the stream id; the server parses it ({@link SrtStreamId}) and asks the
 * {@link SrtAuthorizer}, which names the public stream id and the passphrase the caller must
 * encrypt with. The server sets that passphrase on the new socket; encryption is enforced, so a
 * caller without it, or with another one, fails the handshake. A refused caller gets an {@code
 * SRT_REJX_*} rejection code ({@link SrtRefusalReason#rejectCode()}); so does a second publisher of
 * a stream id that is live. Each accepted caller becomes an {@link SrtPublishSession} handed to the
 * {@link SrtPublishHandler}.
 *
 * <p>Threads: libsrt's receiving thread runs the handshake callback (authorizer and some listener
 * calls), one platform thread accepts, one platform thread per session receives, one virtual thread
 * per session runs the handler. Passphrases never reach logs, exception messages or the listener.
 * libsrt is started with the first server and cleaned up when the last one closes. Linux only (the
 * socket addresses are Linux {@code sockaddr}s). Thread-safe.
 */
public final class SrtServer implements AutoCloseable {
  /** Most grants remembered at once (each is a few dozen bytes). */
  private static final int MAX_GRANTS = 1024;

  /** How long {@link #close()} waits for each of its threads to leave libsrt. */
  private static final Duration THREAD_END_TIMEOUT = Duration.ofSeconds(10);

  private final LibSrt srt;
  private final SrtServerSettings settings;
  private final SrtAuthorizer authorizer;
  private final SrtPublishHandler handler;
  private final SrtListener listener;
  private final int listenSocket;
  private final InetSocketAddress address;
  // libsrt keeps only a native pointer to the callback: this field keeps it from being collected.
  private final LibSrt.ListenCallback handshakeCallback = this::onHandshake;
  private final Map<Integer, Grant> grants = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, SrtConnection> live = new ConcurrentHashMap<>();
  private final Set<SrtConnection> connections = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A handshake the authorizer granted, waiting for libsrt to finish it and hand it to accept. */
  private record Grant(String streamId, String requested, long grantedAtNanos) {}

  private SrtServer(
      LibSrt srt,
      SrtServerSettings settings,
      SrtAuthorizer authorizer,
      SrtPublishHandler handler,
      SrtListener listener,
      int listenSocket,
      InetSocketAddress address) {
    this.srt = srt;
    this.settings = settings;
    this.authorizer = authorizer;
    this.handler = handler;
    this.listener = listener;
    this.listenSocket = listenSocket;
    this.address = address;
    // srt_accept blocks in native code: a platform thread, so no virtual thread pins a carrier.
    this.acceptor =
        Thread.ofPlatform()
            .daemon()
            .name("srt-accept-" + address.getPort())
            .unstarted(this::acceptLoop);
  }

  /**
   * Binds the UDP port and starts accepting callers.
   *
   * @param listener observes handshakes, refusals and sessions (for example {@link
   *     LoggingSrtListener})
   * @throws IOException when libsrt is not installed (the message names the Debian package), or the
   *     address cannot be bound
   */
  public static SrtServer start(
      SrtServerSettings settings,
      SrtAuthorizer authorizer,
      SrtPublishHandler handler,
      SrtListener listener)
      throws IOException {
    LibSrt srt = SrtRuntime.acquire();
    int socket = LibSrt.SRT_ERROR;
    try {
      socket = srt.srt_create_socket();
      if (socket == LibSrt.SRT_ERROR) {
        throw new IOException("srt_create_socket failed: " + SrtRuntime.lastError(srt));
      }
      setOption(srt, socket, LibSrt.SRTO_TRANSTYPE, "SRTO_TRANSTYPE", LibSrt.SRTT_LIVE);
      setOption(srt, socket, LibSrt.SRTO_ENFORCEDENCRYPTION, "SRTO_ENFORCEDENCRYPTION", 1);
      setOption(
          srt, socket, LibSrt.SRTO_LATENCY, "SRTO_LATENCY", (int) settings.latency().toMillis());
      setOption(srt, socket, LibSrt.SRTO_PAYLOADSIZE, "SRTO_PAYLOADSIZE", settings.payloadBytes());
      InetSocketAddress bindAddress = settings.bindAddress();
      if (bindAddress.getAddress() instanceof Inet6Address ip && ip.isAnyLocalAddress()) {
        // libsrt refuses to bind "::" until told whether IPv4 callers are welcome too.
        setOption(srt, socket, LibSrt.SRTO_IPV6ONLY, "SRTO_IPV6ONLY", 0);
      }
      byte[] sockaddr = Sockaddr.encode(bindAddress);
      if (srt.srt_bind(socket, sockaddr, sockaddr.length) == LibSrt.SRT_ERROR) {
        throw new IOException(
            "cannot bind SRT to " + bindAddress + ": " + SrtRuntime.lastError(srt));
      }
      byte[] bound = new byte[Sockaddr.MAX_BYTES];
      IntByReference boundLength = new IntByReference(bound.length);
      if (srt.srt_getsockname(socket, bound, boundLength) == LibSrt.SRT_ERROR) {
        throw new IOException("srt_getsockname failed: " + SrtRuntime.lastError(srt));
      }
      SrtServer server =
          new SrtServer(
              srt, settings, authorizer, handler, listener, socket, Sockaddr.decode(bound));
      Native.setCallbackThreadInitializer(
          server.handshakeCallback,
          new CallbackThreadInitializer(
              /* daemon= */ true, /* detach= */ true, "srt-handshake-" + server.port()));
      if (srt.srt_listen_callback(socket, server.handshakeCallback, null) == LibSrt.SRT_ERROR) {
        throw new IOException("srt_listen_callback failed: " + SrtRuntime.lastError(srt));
      }
      if (srt.srt_listen(socket, settings.listenBacklog()) == LibSrt.SRT_ERROR) {
        throw new IOException("srt_listen failed: " + SrtRuntime.lastError(srt));
      }
      server.acceptor.start();
      return server;
    } catch (IOException | RuntimeException e) {
      if (socket != LibSrt.SRT_ERROR) {
        srt.srt_close(socket);
      }
      SrtRuntime.release();
      throw e;
    }
  }

  /**
   * {@link #start(SrtServerSettings, SrtAuthorizer, SrtPublishHandler, SrtListener)} with logging.
   */
  public static SrtServer start(
      SrtServerSettings settings, SrtAuthorizer authorizer, SrtPublishHandler handler)
      throws IOException {
    return start(settings, authorizer, handler, new LoggingSrtListener());
  }

  /** The bound address (with the actual port when the settings asked for port 0). */
  public InetSocketAddress address() {
    return address;
  }

  /** The bound UDP port. */
  public int port() {
    return address.getPort();
  }

  /** Ids of the streams being published now. */
  public Set<String> liveStreamIds() {
    return Set.copyOf(live.keySet());
  }

  /** Sessions open now. */
  public int openConnections() {
    return connections.size();
  }

  /**
   * Disconnects the publisher of {@code streamId}, for example after it was revoked ({@link
   * SrtCloseReason#DISCONNECTED}). Its TS stream ends after what was received.
   *
   * @return true if the stream was live
   */
  public boolean disconnect(String streamId) {
    SrtConnection connection = live.get(streamId);
    if (connection == null) {
      return false;
    }
    connection.close(SrtCloseReason.DISCONNECTED);
    return true;
  }

  /**
   * Stops accepting, refuses handshakes, ends every session ({@link SrtCloseReason#SERVER_STOPPED})
   * and closes the listening socket; waits (up to 10 s each) for the accepting and receiving
   * threads to leave libsrt, then releases libsrt. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    srt.srt_close(listenSocket); // srt_accept on the accepting thread returns with an error
    boolean threadsEnded;
    try {
      threadsEnded = acceptor.join(THREAD_END_TIMEOUT);
      // The accepting thread has stopped (or is stuck), so no session is added past this copy.
      List<SrtConnection> open = List.copyOf(connections);
      for (SrtConnection connection : open) {
        connection.close(SrtCloseReason.SERVER_STOPPED);
      }
      for (SrtConnection connection : open) {
        threadsEnded &= connection.awaitReceiverEnd(THREAD_END_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      threadsEnded = false;
    }
    if (threadsEnded) {
      SrtRuntime.release();
    }
    // Otherwise a thread may still be inside libsrt: leaving libsrt started is safer than pulling
    // it from under that thread.
  }

  /**
   * The handshake callback, on libsrt's receiving thread: decides before the connection exists.
   * Nothing may escape into native code (JNA would report it and return 0, accepting the caller),
   * hence the catch of everything.
   */
  private int onHandshake(
      @Nullable Pointer opaque,
      int socket,
      int handshakeVersion,
      Pointer peerAddress,
      @Nullable Pointer streamIdText) {
    try {
      InetSocketAddress peer = Sockaddr.decode(peerAddress);
      notifyListener(() -> listener.connectionRequested(peer));
      SrtStreamId streamId;
      try {
        streamId =
            SrtStreamId.parse(
                streamIdText == null
                    ? ""
                    : streamIdText.getString(0, StandardCharsets.UTF_8.name()));
      } catch (IllegalArgumentException e) {
        return refuse(socket, peer, "", SrtRefusalReason.MALFORMED_STREAM_ID);
      }
      String requested = SrtStreamId.printable(streamId.resource());
      if (!streamId.publishes()) {
        return refuse(socket, peer, requested, SrtRefusalReason.UNSUPPORTED_MODE);
      }
      if (closed.get()) {
        return refuse(socket, peer, requested, SrtRefusalReason.SERVER_STOPPING);
      }
      if (connections.size() >= settings.maxConnections()) {
        return refuse(socket, peer, requested, SrtRefusalReason.OVER_CAPACITY);
      }
      SrtAuthorization authorization;
      try {
        authorization =
            authorizer.authorize(new SrtPublishRequest(streamId.resource(), streamId.user(), peer));
      } catch (RuntimeException e) {
        authorization = SrtAuthorization.refuse(SrtRefusalReason.AUTHORIZER_FAILED);
      }
      return switch (authorization) {
        case SrtAuthorization.Refused refused -> refuse(socket, peer, requested, refused.reason());
        case SrtAuthorization.Granted granted -> grant(socket, peer, requested, granted);
      };
    } catch (Throwable e) {
      srt.srt_setrejectreason(socket, SrtRefusalReason.INTERNAL_ERROR.rejectCode());
      return -1;
    }
  }

  private int grant(
      int socket, InetSocketAddress peer, String requested, SrtAuthorization.Granted granted) {
    // Only a live session blocks the id here: a grant may still fail on the passphrase, so two
    // concurrent handshakes of one id are both let through and the accept loop keeps the first.
    if (live.containsKey(granted.streamId())) {
      return refuse(socket, peer, requested, SrtRefusalReason.ALREADY_PUBLISHING);
    }
    try {
      setPassphrase(socket, granted.passphrase());
      if (settings.keyLengthBytes() != 0) {
        setOption(srt, socket, LibSrt.SRTO_PBKEYLEN, "SRTO_PBKEYLEN", settings.keyLengthBytes());
      }
    } catch (IOException e) {
      return refuse(socket, peer, requested, SrtRefusalReason.INTERNAL_ERROR);
    }
    forgetStaleGrants();
    grants.put(socket, new Grant(granted.streamId(), requested, System.nanoTime()));
    return 0;
  }

  private int refuse(
      int socket, InetSocketAddress peer, String requested, SrtRefusalReason reason) {
    srt.srt_setrejectreason(socket, reason.rejectCode());
    notifyListener(() -> listener.publishRefused(peer, requested, reason));
    return -1;
  }

  /** Sets {@code SRTO_PASSPHRASE} from native memory that is zeroed right after. */
  private void setPassphrase(int socket, SrtPassphrase passphrase) throws IOException {
    byte[] secret = passphrase.utf8();
    try (Memory memory = new Memory(secret.length)) {
      memory.write(0, secret, 0, secret.length);
      int result = srt.srt_setsockflag(socket, LibSrt.SRTO_PASSPHRASE, memory, secret.length);
      memory.clear();
      if (result == LibSrt.SRT_ERROR) {
        throw new IOException("setting SRTO_PASSPHRASE failed: " + SrtRuntime.lastError(srt));
      }
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /**
   * Drops grants whose handshake never reached accept (it failed after the callback), and the
   * oldest ones beyond {@link #MAX_GRANTS}. Failed grants cannot be told from slow ones, so they
   * never refuse a caller: anyone who knows a (public) stream id could otherwise lock it, or the
   * server, with wrong passphrases. Under a flood, the cost is that a rightful caller's grant may
   * be dropped and its accepted connection closed; it retries.
   */
  private void forgetStaleGrants() {
    long now = System.nanoTime();
    long timeoutNanos = settings.handshakeTimeout().toNanos();
    grants.values().removeIf(grant -> now - grant.grantedAtNanos() > timeoutNanos);
    while (grants.size() >= MAX_GRANTS) {
      grants.entrySet().stream()
          .min(Comparator.comparingLong(entry -> entry.getValue().grantedAtNanos()))
          .ifPresent(oldest -> grants.remove(oldest.getKey(), oldest.getValue()));
    }
  }

  private void acceptLoop() {
    byte[] peerAddress = new byte[Sockaddr.MAX_BYTES];
    IntByReference peerLength = new IntByReference();
    while (!closed.get()) {
      peerLength.setValue(peerAddress.length);
      int socket = srt.srt_accept(listenSocket, peerAddress, peerLength);
      if (socket == LibSrt.SRT_ERROR) {
        if (!closed.get()) {
          IOException failure = new IOException("srt_accept failed: " + SrtRuntime.lastError(srt));
          notifyListener(() -> listener.acceptFailed(failure));
        }
        return;
      }
      try {
        accepted(socket, Sockaddr.decode(peerAddress));
      } catch (RuntimeException e) {
        srt.srt_close(socket);
        notifyListener(() -> listener.acceptFailed(e));
      }
    }
  }

  private void accepted(int socket, InetSocketAddress peer) {
    Grant grant = grants.remove(socket);
    if (grant == null || closed.get()) {
      srt.srt_close(socket);
      SrtRefusalReason reason =
          grant == null ? SrtRefusalReason.INTERNAL_ERROR : SrtRefusalReason.SERVER_STOPPING;
      String requested = grant == null ? "" : grant.requested();
      notifyListener(() -> listener.publishRefused(peer, requested, reason));
      return;
    }
    if (connections.size() >= settings.maxConnections()) {
      srt.srt_close(socket);
      notifyListener(
          () -> listener.publishRefused(peer, grant.requested(), SrtRefusalReason.OVER_CAPACITY));
      return;
    }
    SrtConnection connection =
        new SrtConnection(srt, socket, grant.streamId(), peer, settings, handler, listener, this);
    if (live.putIfAbsent(grant.streamId(), connection) != null) {
      srt.srt_close(socket);
      notifyListener(
          () ->
              listener.publishRefused(
                  peer, grant.requested(), SrtRefusalReason.ALREADY_PUBLISHING));
      return;
    }
    connections.add(connection);
    connection.start();
    if (closed.get()) { // close() may have looked at the connections before this one was added
      connection.close(SrtCloseReason.SERVER_STOPPED);
    }
  }

  /** The session of {@code connection} has ended and its socket is closed. */
  void ended(SrtConnection connection) {
    live.remove(connection.streamId(), connection);
    connections.remove(connection);
  }

  /** Calls the listener; an exception from it is ignored, as the listener contract allows. */
  void notifyListener(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      // a listener must not throw; its failure must not change what happens to the caller
    }
  }

  /** Sets an {@code int32_t} socket option. */
  static void setOption(LibSrt srt, int socket, int option, String name, int value)
      throws IOException {
    IntByReference reference = new IntByReference(value);
    if (srt.srt_setsockflag(socket, option, reference.getPointer(), Integer.BYTES)
        == LibSrt.SRT_ERROR) {
      throw new IOException("setting " + name + " failed: " + SrtRuntime.lastError(srt));
    }
  }

  @Override
  public String toString() {
    return "SrtServer[" + address + ", " + connections.size() + " sessions]";
  }
}
