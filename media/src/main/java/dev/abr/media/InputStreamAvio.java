package dev.abr.media;

import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EXIT;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.javacpp.BytePointer;
import org.jspecify.annotations.Nullable;

/**
 * An FFmpeg {@link AVIOContext} whose bytes come from a Java {@link InputStream}, for demuxing a
 * live byte stream (FLV from our RTMP server, MPEG-TS from a socket) without a protocol.
 *
 * <p>A blocked {@code InputStream.read} cannot be interrupted in general, and FFmpeg checks its
 * interrupt callback only for its own protocols, not for a custom read callback. So a pump thread
 * reads the stream into a small bounded queue (back-pressure stays: when the demuxer does not read,
 * the pump stops reading), and the read callback, called by FFmpeg on the demuxing thread, waits on
 * the queue no longer than the {@link MediaSource.InterruptDeadline}. The callback never throws
 * into native code: end of stream becomes {@code AVERROR_EOF}, an {@link IOException} {@code
 * AVERROR(EIO)}, a deadline that passed or an interrupted thread {@code AVERROR_EXIT}; the demuxer
 * may report any of them as its own error or as end of file, so {@link MediaSource} asks {@link
 * #stalled()} and {@link #failure()} to tell them apart.
 */
final class InputStreamAvio implements NativeCallbacks.ReadTarget, AutoCloseable {
  /** FFmpeg's default I/O buffer size. */
  private static final int BUFFER_BYTES = 32 * 1024;

  private static final int CHUNK_BYTES = 64 * 1024;
  private static final int QUEUED_CHUNKS = 8;
  private static final Object END = new Object();

  /** {@code AVERROR(EIO)}: FFmpeg error codes are negated errno values (Linux: EIO = 5). */
  static final int AVERROR_EIO = -5;

  private final InputStream in;
  private final MediaSource.InterruptDeadline deadline;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
  private final Thread pump;
  private final NativeCallbacks.Registration registration;
  private final AVIOContext context;
  private volatile boolean closed;
  private byte @Nullable [] current;
  private int offset;
  private boolean ended;
  private boolean stalled;
  private boolean interrupted;
  private @Nullable IOException failure;

  /**
   * Starts pumping {@code in}. The caller owns the returned object and must close it after the
   * format context that uses {@link #context()}.
   *
   * @param threadName name of the pump thread (no secrets)
   */
  InputStreamAvio(InputStream in, MediaSource.InterruptDeadline deadline, String threadName) {
    this.in = in;
    this.deadline = deadline;
    this.registration = NativeCallbacks.register(this);
    BytePointer buffer = new BytePointer(av_malloc(BUFFER_BYTES)).capacity(BUFFER_BYTES);
    this.context =
        avio_alloc_context(
            buffer,
            BUFFER_BYTES,
            /* write_flag= */ 0,
            registration.opaque(),
            NativeCallbacks.READ,
            null,
            null);
    if (context == null) {
      av_free(buffer);
      registration.close();
      throw new OutOfMemoryError("avio_alloc_context");
    }
    context.seekable(0);
    this.pump = Thread.ofPlatform().daemon().name(threadName).unstarted(this::pump);
    pump.start();
  }

  /** The I/O context to set as the format context's {@code pb}. */
  AVIOContext context() {
    return context;
  }

  /** True once a read waited until the deadline without getting a byte; stays true. */
  boolean stalled() {
    return stalled;
  }

  /** True once a read was cut short because the demuxing thread was interrupted. */
  boolean interrupted() {
    return interrupted;
  }

  /** The stream's failure, once a read returned it to FFmpeg. */
  @Nullable IOException failure() {
    return failure;
  }

  private void pump() {
    try {
      while (!closed) {
        byte[] chunk = new byte[CHUNK_BYTES];
        int n = in.read(chunk);
        if (n < 0) {
          queue.put(END);
          return;
        }
        if (n > 0) {
          queue.put(n == chunk.length ? chunk : Arrays.copyOf(chunk, n));
        }
      }
    } catch (IOException e) {
      if (!closed) {
        // The queue may be full when the demuxer stopped reading; the failure then waits, like
        // the bytes before it.
        try {
          queue.put(e);
        } catch (InterruptedException closing) {
          Thread.currentThread().interrupt();
        }
      }
    } catch (InterruptedException closing) {
      Thread.currentThread().interrupt();
    }
  }

  /** Called by FFmpeg on the demuxing thread; never throws. */
  @Override
  public int read(BytePointer target, int size) {
    try {
      if (current == null) {
        if (ended) {
          return AVERROR_EOF;
        }
        if (failure != null) {
          return AVERROR_EIO;
        }
        long waitNanos = deadline.remainingNanos();
        Object next = waitNanos <= 0 ? queue.poll() : queue.poll(waitNanos, TimeUnit.NANOSECONDS);
        if (next == null) {
          stalled = true;
          return AVERROR_EXIT;
        }
        if (next == END) {
          ended = true;
          return AVERROR_EOF;
        }
        if (next instanceof IOException e) {
          failure = e;
          return AVERROR_EIO;
        }
        current = (byte[]) next;
        offset = 0;
      }
      byte[] bytes = current;
      int n = Math.min(size, bytes.length - offset);
      target.position(0).put(bytes, offset, n);
      offset += n;
      if (offset == bytes.length) {
        current = null;
      }
      return n;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      interrupted = true;
      return AVERROR_EXIT;
    } catch (RuntimeException | Error e) {
      failure = new IOException("reading the stream failed: " + e, e);
      return AVERROR_EIO;
    }
  }

  /**
   * Stops the pump, closes the stream and frees the I/O context and its buffer (FFmpeg may have
   * replaced the buffer, so the current one is freed). Call after {@code avformat_close_input}.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    pump.interrupt();
    try {
      in.close();
    } catch (IOException e) {
      // Closing is best effort: the pump thread is a daemon and ends with the stream.
    }
    BytePointer buffer = context.buffer();
    if (buffer != null && !buffer.isNull()) {
      av_free(buffer);
    }
    context.buffer(null);
    avio_context_free(context);
    registration.close();
  }
}
