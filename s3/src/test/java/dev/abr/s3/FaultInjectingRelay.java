package dev.abr.s3;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 in front of an S3 server that spoils the next N requests, then relays
 * faithfully. Each connection carries one request (the relay asks the server for {@code Connection:
 * close}), so every request of the client reaches the fault counter. Headers are relayed as sent,
 * so SigV4 signatures (which cover {@code Host}) stay valid.
 */
final class FaultInjectingRelay implements AutoCloseable {
  /** What a spoiled request gets. */
  enum Fault {
    /** {@code 503 SlowDown}, S3's throttling answer; the request never reaches the server. */
    SLOW_DOWN,
    /** {@code 500 InternalError}; the request never reaches the server. */
    INTERNAL_ERROR,
    /** The request reaches the server and is carried out, but the client gets a {@code 500}. */
    ANSWER_LOST,
    /** No answer at all: the connection stays open and silent until the client gives up. */
    NO_ANSWER
  }

  private static final int MAX_HEAD_BYTES = 64 << 10;

  private final ServerSocket server;
  private final int upstreamPort;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger remaining = new AtomicInteger();
  private final AtomicInteger injected = new AtomicInteger();
  private volatile List<Fault> faults = List.of(Fault.SLOW_DOWN);

  /** Starts relaying from an ephemeral port to {@code 127.0.0.1:upstreamPort}. */
  FaultInjectingRelay(int upstreamPort) throws IOException {
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  /** The port clients connect to. */
  int port() {
    return server.getLocalPort();
  }

  /** Spoils the next {@code count} requests, cycling through {@code kinds}. */
  void failNext(int count, Fault... kinds) {
    faults = List.of(kinds);
    injected.set(0);
    remaining.set(count);
  }

  /** How many requests were spoiled since the last {@link #failNext}. */
  int faultsInjected() {
    return injected.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    threads.shutdownNow();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      byte[] head = readHead(in);
      if (head.length == 0) {
        return;
      }
      String headText = new String(head, StandardCharsets.ISO_8859_1);
      int spoil = remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0);
      if (spoil <= 0) {
        relay(headText, in, client.getOutputStream(), /* discardAnswer= */ false);
        return;
      }
      Fault fault = faults.get(injected.getAndIncrement() % faults.size());
      switch (fault) {
        case SLOW_DOWN -> {
          drainBody(headText, in);
          answer(
              client, headText, 503, "Slow Down", "SlowDown", "Please reduce your request rate.");
        }
        case INTERNAL_ERROR -> {
          drainBody(headText, in);
          answer(client, headText, 500, "Internal Server Error", "InternalError", "Try again.");
        }
        case ANSWER_LOST -> {
          if (header(headText, "expect").equalsIgnoreCase("100-continue")) {
            // The server's own interim answer is discarded with the rest: send ours.
            client
                .getOutputStream()
                .write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            client.getOutputStream().flush();
          }
          relay(headText, in, OutputStream.nullOutputStream(), /* discardAnswer= */ true);
          answer(client, headText, 500, "Internal Server Error", "InternalError", "Try again.");
        }
        case NO_ANSWER ->
            in.transferTo(OutputStream.nullOutputStream()); // until the client hangs up
      }
    } catch (IOException e) {
      // The client or the server hung up: nothing to relay any more.
    } finally {
      open.remove(client);
    }
  }

  /** Forwards one request with {@code Connection: close} and copies the answer back. */
  private void relay(String headText, InputStream in, OutputStream toClient, boolean discardAnswer)
      throws IOException {
    try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      open.add(upstream);
      OutputStream toServer = upstream.getOutputStream();
      toServer.write(withConnectionClose(headText).getBytes(StandardCharsets.ISO_8859_1));
      toServer.flush();
      // The body (if any) flows on its own thread, so "Expect: 100-continue" works both ways.
      threads.execute(
          () -> {
            try {
              in.transferTo(toServer);
            } catch (IOException e) {
              // Connection closed after the answer: done.
            }
          });
      upstream
          .getInputStream()
          .transferTo(discardAnswer ? OutputStream.nullOutputStream() : toClient);
      toClient.flush();
    } finally {
      open.removeIf(Socket::isClosed);
    }
  }

  private static String withConnectionClose(String headText) {
    StringBuilder head = new StringBuilder();
    for (String line : headText.split("\r\n")) {
      if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
        head.append(line).append("\r\n");
      }
    }
    return head.append("Connection: close\r\n\r\n").toString();
  }

  /** Reads the body the client already sends (not when it waits for {@code 100 Continue}). */
  private static void drainBody(String headText, InputStream in) throws IOException {
    if (header(headText, "expect").equalsIgnoreCase("100-continue")) {
      return;
    }
    String length = header(headText, "content-length");
    if (!length.isEmpty()) {
      in.skipNBytes(Long.parseLong(length));
    }
  }

  private static void answer(
      Socket client, String headText, int status, String reason, String code, String message)
      throws IOException {
    boolean head = headText.startsWith("HEAD ");
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message><RequestId>fault</RequestId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    String response =
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\nContent-Type: application/xml\r\nContent-Length: "
            + (head ? 0 : body.length)
            + "\r\nConnection: close\r\n\r\n";
    OutputStream out = client.getOutputStream();
    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
    if (!head) {
      out.write(body);
    }
    out.flush();
    try {
      client.shutdownOutput();
    } catch (SocketException e) {
      // Already closed by the client.
    }
  }

  private static String header(String headText, String name) {
    for (String line : headText.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  /** The request line and headers up to and including the blank line; empty at end of stream. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        return new byte[0];
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD_BYTES) {
        throw new IOException("request head too long");
      }
    }
    return head.toByteArray();
  }
}
