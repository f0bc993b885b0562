package dev.abr.testkit.log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What this JVM writes to {@link System#err} while it is open, still passed on to the previous
 * stream: the logs of every thread (slf4j-simple looks {@code System.err} up at each line). Native
 * code writing to file descriptor 2 (FFmpeg's own log) is not seen. Close to restore the previous
 * stream; captures nest when closed in reverse order. {@link #text()} may be called from any
 * thread.
 */
public final class CapturedStderr implements AutoCloseable {
  private final PrintStream original;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private CapturedStderr() {
    this.original = System.err;
  }

  /** Starts capturing. */
  public static CapturedStderr start() {
    CapturedStderr capture = new CapturedStderr();
    System.setErr(
        new PrintStream(new Tee(capture.original, capture.captured), true, StandardCharsets.UTF_8));
    return capture;
  }

  /** Everything written so far, decoded as UTF-8. */
  public String text() {
    synchronized (captured) {
      return captured.toString(StandardCharsets.UTF_8);
    }
  }

  /** Makes the stream that was {@code System.err} at {@link #start()} the current one again. */
  @Override
  public void close() {
    System.setErr(original);
  }

  /** Writes to both streams. */
  private static final class Tee extends OutputStream {
    private final OutputStream first;
    private final ByteArrayOutputStream second;

    Tee(OutputStream first, ByteArrayOutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      synchronized (second) {
        second.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      synchronized (second) {
        second.write(b, off, len);
      }
    }
  }
}
