package dev.abr.ingest.live.rtmp;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded byte pipe from a connection's reading thread to the consumer of its FLV stream.
 *
 * <p>Back-pressure: {@link #write} blocks while the buffer is full, so a slow consumer stops the
 * connection from reading its socket and TCP flow control slows the publisher down. {@link
 * #finish()} ends the stream (the consumer reads what is buffered, then end of stream) and makes a
 * writer blocked on a full buffer, or any later write, fail. When the consumer closes its stream,
 * writes fail with an {@link IOException}. One writer thread and one reader thread.
 */
final class FlvPipe {
  private final byte[] buffer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition();
  private final Condition writable = lock.newCondition();
  private int head;
  private int size;
  private boolean finished;
  private boolean consumerClosed;
  private final InputStream input = new Input();

  FlvPipe(int capacityBytes) {
    if (capacityBytes < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacityBytes);
    }
    buffer = new byte[capacityBytes];
  }

  /** The consumer's end. */
  InputStream input() {
    return input;
  }

  /**
   * Appends {@code bytes}, waiting for room as long as needed.
   *
   * @throws IOException when the consumer closed its stream or the pipe was finished
   */
  void write(byte[] bytes) throws IOException {
    int offset = 0;
    lock.lock();
    try {
      while (offset < bytes.length) {
        while (size == buffer.length && !consumerClosed && !finished) {
          writable.awaitUninterruptibly();
        }
        if (consumerClosed) {
          throw new IOException("the FLV consumer closed its stream");
        }
        if (finished) {
          throw new IOException("the FLV stream was ended");
        }
        int tail = (head + size) % buffer.length;
        int n =
            Math.min(bytes.length - offset, Math.min(buffer.length - size, buffer.length - tail));
        System.arraycopy(bytes, offset, buffer, tail, n);
        size += n;
        offset += n;
        readable.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Ends the stream: the consumer reads what is buffered, then end of stream. Idempotent. */
  void finish() {
    lock.lock();
    try {
      finished = true;
      readable.signalAll();
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Bytes written and not yet read. */
  int bufferedBytes() {
    lock.lock();
    try {
      return size;
    } finally {
      lock.unlock();
    }
  }

  private final class Input extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, target.length);
      if (length == 0) {
        return 0;
      }
      lock.lock();
      try {
        while (size == 0 && !finished && !consumerClosed) {
          readable.await();
        }
        if (consumerClosed) {
          throw new IOException("stream closed");
        }
        if (size == 0) {
          return -1;
        }
        int n = Math.min(length, Math.min(size, buffer.length - head));
        System.arraycopy(buffer, head, target, offset, n);
        head = (head + n) % buffer.length;
        size -= n;
        writable.signal();
        return n;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for FLV bytes");
      } finally {
        lock.unlock();
      }
    }

    @Override
    public int available() {
      return bufferedBytes();
    }

    @Override
    public void close() {
      lock.lock();
      try {
        consumerClosed = true;
        size = 0;
        readable.signalAll();
        writable.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }
}
