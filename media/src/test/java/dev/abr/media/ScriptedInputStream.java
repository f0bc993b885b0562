package dev.abr.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * A stream that serves some bytes and then does what a live peer does: block without end (a stalled
 * publisher), fail, or end. Blocking stops when the stream is closed.
 */
final class ScriptedInputStream extends InputStream {
  /** What happens after the bytes. */
  enum After {
    BLOCK,
    FAIL,
    END
  }

  private final byte[] bytes;
  private final After after;
  private final CountDownLatch closed = new CountDownLatch(1);
  private int position;

  ScriptedInputStream(byte[] bytes, After after) {
    this.bytes = bytes.clone();
    this.after = after;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (position < bytes.length) {
      int n = Math.min(length, bytes.length - position);
      System.arraycopy(bytes, position, target, offset, n);
      position += n;
      return n;
    }
    switch (after) {
      case END -> {
        return -1;
      }
      case FAIL -> throw new IOException("connection reset by the test");
      case BLOCK -> {
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("stream closed");
      }
    }
    throw new AssertionError(after);
  }

  /** True once the stream was closed. */
  boolean isClosed() {
    return closed.getCount() == 0;
  }

  @Override
  public void close() {
    closed.countDown();
  }
}
