package dev.abr.ingest.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded byte pipe from a live server's receiving thread to the consumer of a published stream
 * (RTMP's FLV stream, SRT's MPEG-TS stream), with two write policies for the two kinds of
 * publisher:
 *
 * <ul>
 *   <li>{@link #put} waits while the buffer is full. Over TCP (RTMP) that is back-pressure: a slow
 *       consumer stops the connection from reading its socket and TCP flow control slows the
 *       publisher down.
 *   <li>{@link #offer} never waits. An SRT live source cannot be paused (the sender keeps sending
 *       and libsrt drops what is late), so when the consumer is further behind than the buffer
 *       holds the offer reports {@link Offer#OVERFLOW} and the caller ends the session instead of
 *       stalling.
 * </ul>
 *
 * <p>{@link #finish()} ends the stream: the consumer reads what is buffered, then end of stream; a
 * writer waiting in {@link #put}, and any later write, fails. When the consumer closes its stream,
 * what is buffered is dropped and writes fail. One writer thread and one reader thread; {@link
 * #finish()} and {@link #bufferedBytes()} may be called from any thread.
 */
public final class BytePipe {
  /** What became of an {@link #offer}. */
  public enum Offer {
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
  private final Condition writable = lock.newCondition();
  private final InputStream input = new Input();
  private int head;
  private int size;
  private boolean finished;
  private boolean consumerClosed;

  /**
   * A pipe that buffers up to {@code capacityBytes}.
   *
   * @throws IllegalArgumentException when {@code capacityBytes} is not positive
   */
  public BytePipe(int capacityBytes) {
    if (capacityBytes < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacityBytes);
    }
    buffer = new byte[capacityBytes];
  }

  /**
   * The consumer's end: reads wait for bytes, return -1 after {@link #finish()} once the buffer is
   * empty, and fail with an {@link IOException} once the stream was closed. Closing it drops what
   * is buffered and makes writes fail. An interrupted read throws {@link InterruptedIOException}.
   */
  public InputStream input() {
    return input;
  }

  /**
   * Appends all of {@code bytes}, waiting (uninterruptibly) for room as long as needed; the bytes
   * may be buffered in parts as the consumer makes room.
   *
   * @throws IOException when the consumer closed its stream or the pipe was finished, before or
   *     while waiting
   */
  public void put(byte[] bytes) throws IOException {
    int offset = 0;
    lock.lock();
    try {
      while (offset < bytes.length) {
        while (size == buffer.length && !consumerClosed && !finished) {
          writable.awaitUninterruptibly();
        }
        if (consumerClosed) {
          throw new IOException("the consumer closed its stream");
        }
        if (finished) {
          throw new IOException("the stream was ended");
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

  /**
   * Appends {@code length} bytes of {@code bytes} from {@code offset} if they all fit, without
   * waiting; otherwise buffers nothing.
   *
   * @throws IndexOutOfBoundsException when the range is not inside {@code bytes}
   */
  public Offer offer(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    lock.lock();
    try {
      if (consumerClosed || finished) {
        return Offer.CLOSED;
      }
      if (length > buffer.length - size) {
        return Offer.OVERFLOW;
      }
      int tail = (head + size) % buffer.length;
      int first = Math.min(length, buffer.length - tail);
      System.arraycopy(bytes, offset, buffer, tail, first);
      System.arraycopy(bytes, offset + first, buffer, 0, length - first);
      size += length;
      readable.signal();
      return Offer.WRITTEN;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the stream: the consumer reads what is buffered, then end of stream. Idempotent. */
  public void finish() {
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
  public int bufferedBytes() {
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
        throw new InterruptedIOException("interrupted while waiting for bytes");
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
