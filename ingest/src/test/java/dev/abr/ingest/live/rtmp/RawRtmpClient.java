package dev.abr.ingest.live.rtmp;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A hand-driven RTMP client for robustness tests: raw bytes on a loopback socket. */
final class RawRtmpClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private ChunkReader reader;

  private RawRtmpClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static RawRtmpClient connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(10_000);
    return new RawRtmpClient(socket);
  }

  /** Does the simple handshake; returns S1's version field (zero for the simple form). */
  int simpleHandshake() throws IOException {
    byte[] c0c1 = new byte[1 + 1536];
    c0c1[0] = 3;
    for (int i = 9; i < c0c1.length; i++) {
      c0c1[i] = (byte) (i * 7);
    }
    out.write(c0c1);
    out.flush();
    byte[] s0s1s2 = new byte[1 + 2 * 1536];
    in.readFully(s0s1s2);
    out.write(s0s1s2, 1, 1536); // C2 echoes S1
    out.flush();
    return s0s1s2[5] | s0s1s2[6] | s0s1s2[7] | s0s1s2[8];
  }

  /**
   * Reads the server's next message with a {@link ChunkReader} (the server's chunk size must be
   * given to it: {@code applyChunkSizes} follows Set Chunk Size messages).
   */
  RtmpMessage readMessage() throws IOException {
    if (reader == null) {
      reader = new ChunkReader(in, 1 << 20, 1 << 20, 64);
    }
    RtmpMessage message = reader.readMessage();
    if (message.typeId() == MessageType.SET_CHUNK_SIZE) {
      reader.setChunkSize(java.nio.ByteBuffer.wrap(message.payload()).getInt());
    }
    return message;
  }

  /** Reads server messages until one of {@code typeId} arrives. */
  RtmpMessage readUntil(int typeId) throws IOException {
    while (true) {
      RtmpMessage message = readMessage();
      if (message.typeId() == typeId) {
        return message;
      }
    }
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /**
   * Reads and drops whatever the server sends until it closes the connection; true if it did so
   * within {@code timeout}.
   */
  boolean awaitClosedByServer(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    byte[] sink = new byte[8192];
    while (System.nanoTime() < deadline) {
      socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      try {
        if (in.read(sink) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (SocketException e) {
        return true; // reset by the server
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
