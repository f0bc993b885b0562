package dev.abr.media;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bytedeco.ffmpeg.avformat.AVIOInterruptCB;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.jspecify.annotations.Nullable;

/**
 * The FFmpeg callbacks of this package, as one native callback per kind for the whole process; each
 * finds its Java target through the {@code opaque} pointer FFmpeg hands back.
 *
 * <p>Why not one callback object per source: JavaCPP gives each callback class a fixed table of
 * native entry points (10 by default). An 11th live instance does not fail; its function pointer
 * calls the Java object of the first slot (observed with JavaCPP 1.5.14: of 14 read callbacks, the
 * last four all called the first one's Java object). With more than ten sources open at once, a
 * source would then read another's bytes or obey another's deadline.
 */
final class NativeCallbacks {
  /** Something FFmpeg's interrupt callback asks whether to abort blocking I/O. */
  interface InterruptTarget {
    /** True to abort. Called on the thread doing the I/O; must be fast and never throw. */
    boolean shouldInterrupt();
  }

  /** Something FFmpeg's custom I/O read callback reads from. */
  interface ReadTarget {
    /**
     * Fills {@code buffer} with up to {@code size} bytes. Returns the count, or an FFmpeg error
     * code ({@code AVERROR_EOF} at the end). Never throws.
     */
    int read(BytePointer buffer, int size);
  }

  private static final ConcurrentMap<Long, Object> TARGETS = new ConcurrentHashMap<>();

  /** The interrupt callback; its {@code opaque} is a {@link Registration#opaque()}. */
  static final AVIOInterruptCB.Callback_Pointer INTERRUPT = new Interrupt().retainReference();

  /** The custom I/O read callback; its {@code opaque} is a {@link Registration#opaque()}. */
  static final Read_packet_Pointer_BytePointer_int READ = new Read().retainReference();

  private NativeCallbacks() {}

  /** Makes {@code target} reachable from the callbacks until the registration is closed. */
  static Registration register(Object target) {
    BytePointer opaque = new BytePointer(1);
    TARGETS.put(opaque.address(), target);
    return new Registration(opaque);
  }

  /**
   * A target's key: a one-byte native block whose address FFmpeg passes back as {@code opaque}.
   * Close it only after FFmpeg can no longer call back with it.
   */
  static final class Registration implements AutoCloseable {
    private final BytePointer opaque;
    private boolean closed;

    private Registration(BytePointer opaque) {
      this.opaque = opaque;
    }

    /** The pointer to give FFmpeg as {@code opaque}. */
    Pointer opaque() {
      return opaque;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        TARGETS.remove(opaque.address());
        opaque.close();
      }
    }
  }

  private static @Nullable Object target(@Nullable Pointer opaque) {
    return opaque == null || opaque.isNull() ? null : TARGETS.get(opaque.address());
  }

  private static final class Interrupt extends AVIOInterruptCB.Callback_Pointer {
    @Override
    public int call(Pointer opaque) {
      return target(opaque) instanceof InterruptTarget target && target.shouldInterrupt() ? 1 : 0;
    }
  }

  private static final class Read extends Read_packet_Pointer_BytePointer_int {
    @Override
    public int call(Pointer opaque, BytePointer buffer, int size) {
      return target(opaque) instanceof ReadTarget target
          ? target.read(buffer, size)
          : InputStreamAvio.AVERROR_EIO;
    }
  }
}
