package dev.abr.ingest.live.srt;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded byte pipe from a session's receiving thread to the consumer of its TS stream.
 *
 * <p>Unlike RTMP's {@code FlvPipe}, a write never waits: an SRT live source cannot be paused (the
 * sender keeps sending and libsrt drops what is late), so when the consumer is further behind than
 * the buffer holds, {@link #write} reports an overflow and the session ends instead of stalling.
 * {@link #finish()} ends the stream: the consumer reads what is buffered, then end of stream. One
 * writer thread and one reader thread.
 */
final class TsPipe {
  /** What became of a write. */
  enum Write {
    /** All bytes were buffered. */
    WRITTEN,
    /** Not enough room: nothing was buffered. */
    OVERFLOW,
    /** The consumer closed its stream, or the pipe was finished: nothing was buffered. */
    CLOSED
  }

  private final byte[] buffer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition();
  private final InputStream input = new Input();
  private int head;
  private int size;
  private boolean finished;
  private boolean consumerClosed;

  TsPipe(int capacityBytes) {
    if (capacityBytes < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacityBytes);
    }
    buffer = new byte[capacityBytes];
  }

  /** The consumer's end. */
  InputStream input() {
    return input;
  }

  /** Appends {@code length} bytes of {@code bytes} from {@code offset} if they all fit. */
  Write write(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    lock.lock();
    try {
      if (consumerClosed || finished) {
        return Write.CLOSED;
      }
      if (length > buffer.length - size) {
        return Write.OVERFLOW;
      }
      int tail = (head + size) % buffer.length;
      int first = Math.min(length, buffer.length - tail);
      System.arraycopy(bytes, offset, buffer, tail, first);
      System.arraycopy(bytes, offset + first, buffer, 0, length - first);
      size += length;
      readable.signal();
      return Write.WRITTEN;
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
        return n;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for TS bytes");
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
      } finally {
        lock.unlock();
      }
    }
  }
}
