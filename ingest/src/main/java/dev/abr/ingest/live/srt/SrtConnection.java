package dev.abr.ingest.live.srt;

import com.sun.jna.Memory;
import dev.abr.ingest.live.BytePipe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One accepted SRT socket and its publish session. A platform thread receives (srt_recvmsg blocks
 * in native code, which would pin a virtual thread's carrier) and feeds the session's TS pipe; the
 * handler runs on a virtual thread of its own. Other threads only {@link #close(SrtCloseReason)}
 * it, which closes the socket and so wakes the receiving thread.
 */
final class SrtConnection {
  private final LibSrt srt;
  private final int socket;
  private final String streamId;
  private final InetSocketAddress peer;
  private final SrtServerSettings settings;
  private final SrtPublishHandler handler;
  private final SrtListener listener;
  private final SrtServer server;
  private final SrtPublishSession session;
  private final Thread receiver;
  private final AtomicReference<SrtCloseReason> closeReason = new AtomicReference<>();
  private final AtomicBoolean socketClosed = new AtomicBoolean();

  SrtConnection(
      LibSrt srt,
      int socket,
      String streamId,
      InetSocketAddress peer,
      SrtServerSettings settings,
      SrtPublishHandler handler,
      SrtListener listener,
      SrtServer server) {
    this.srt = srt;
    this.socket = socket;
    this.streamId = streamId;
    this.peer = peer;
    this.settings = settings;
    this.handler = handler;
    this.listener = listener;
    this.server = server;
    this.session =
        new SrtPublishSession(
            streamId,
            peer,
            new BytePipe(settings.tsBufferBytes()),
            () -> close(SrtCloseReason.DISCONNECTED));
    this.receiver =
        Thread.ofPlatform().daemon().name("srt-receive-" + streamId).unstarted(this::receive);
  }

  String streamId() {
    return streamId;
  }

  void start() {
    receiver.start();
  }

  /** Closes the connection from any thread; the first reason given wins. */
  void close(SrtCloseReason reason) {
    closeReason.compareAndSet(null, reason);
    session.finish(closeReason.get());
    closeSocket(); // srt_recvmsg on the receiving thread returns with an error
  }

  /** Waits up to {@code timeout} for the receiving thread to end; true if it has. */
  boolean awaitReceiverEnd(Duration timeout) throws InterruptedException {
    return receiver.join(timeout);
  }

  private void receive() {
    SrtCloseReason reason = SrtCloseReason.INTERNAL_ERROR;
    Throwable failure = null;
    server.notifyListener(() -> listener.publishStarted(streamId, peer));
    try {
      SrtServer.setOption(
          srt,
          socket,
          LibSrt.SRTO_RCVTIMEO,
          "SRTO_RCVTIMEO",
          (int) settings.readTimeout().toMillis());
      // A platform thread: handlers block in native code (FFmpeg demuxing), which pins virtual
      // threads.
      Thread.ofPlatform().daemon().name("srt-session-" + streamId).start(this::handle);
      reason = receiveUntilEnd();
    } catch (IOException | RuntimeException e) {
      reason = SrtCloseReason.INTERNAL_ERROR;
      failure = e;
    } finally {
      closeReason.compareAndSet(null, reason);
      SrtCloseReason finalReason = closeReason.get();
      session.finish(finalReason);
      closeSocket();
      server.ended(this);
      Throwable reported = finalReason == reason ? failure : null;
      server.notifyListener(() -> listener.publishEnded(streamId, peer, finalReason, reported));
    }
  }

  /** Moves messages into the session until something ends it, and says what. */
  private SrtCloseReason receiveUntilEnd() {
    byte[] bytes = new byte[LibSrt.SRT_LIVE_MAX_PLSIZE];
    try (Memory buffer = new Memory(bytes.length)) {
      while (true) {
        int received = srt.srt_recvmsg(socket, buffer, bytes.length);
        if (received < 0) {
          // The error code is per thread: read it right after the failing call.
          return srt.srt_getlasterror(null) / 1000 == LibSrt.SRT_ERRNO_MAJOR_AGAIN
              ? SrtCloseReason.TIMED_OUT
              : SrtCloseReason.CLIENT_CLOSED;
        }
        buffer.read(0, bytes, 0, received);
        switch (session.write(bytes, 0, received)) {
          case WRITTEN -> {}
          case OVERFLOW -> {
            return SrtCloseReason.CONSUMER_TOO_SLOW;
          }
          case CLOSED -> {
            return SrtCloseReason.CONSUMER_CLOSED; // unless close() gave its reason first
          }
        }
      }
    }
  }

  private void handle() {
    try {
      handler.onPublish(session);
    } catch (Exception e) {
      server.notifyListener(() -> listener.handlerFailed(streamId, e));
    } finally {
      try {
        session.ts().close();
      } catch (IOException e) {
        // closing a pipe does not fail
      }
      if (session.end().isEmpty()) {
        close(SrtCloseReason.CONSUMER_CLOSED);
      }
    }
  }

  private void closeSocket() {
    if (socketClosed.compareAndSet(false, true)) {
      srt.srt_close(socket);
    }
  }

  @Override
  public String toString() {
    return "SrtConnection[" + streamId + " from " + peer + "]";
  }
}
