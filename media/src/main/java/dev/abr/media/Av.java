package dev.abr.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.time.Rational;
import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/** FFmpeg plumbing shared by this package: one-time set-up, error text, rationals. */
final class Av {
  private static volatile boolean initialized;

  private Av() {}

  /**
   * Loads the libraries and quiets FFmpeg's own logging: it writes straight to stderr, could print
   * input URLs, and every failure we care about comes back as an error code that we turn into a
   * message naming the object. {@code ABR_FFMPEG_LOG=error} (or {@code warning}, {@code info})
   * turns it back on for debugging.
   */
  static void init() {
    if (!initialized) {
      synchronized (Av.class) {
        if (!initialized) {
          String level = System.getenv().getOrDefault("ABR_FFMPEG_LOG", "fatal");
          av_log_set_level(
              switch (level) {
                case "error" -> AV_LOG_ERROR;
                case "warning" -> org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
                case "info" -> org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
                default -> org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
              });
          initialized = true;
        }
      }
    }
  }

  /** FFmpeg's text for an error code. */
  static String errorText(int error) {
    try (BytePointer buffer = new BytePointer(256)) {
      av_strerror(error, buffer, 256);
      // getString() on an allocated buffer reads up to its limit (all 256 bytes), past the
      // terminator into uninitialized memory: read up to the terminator instead.
      byte[] bytes = new byte[256];
      buffer.get(bytes);
      int length = 0;
      while (length < bytes.length && bytes[length] != 0) {
        length++;
      }
      return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
  }

  /** Returns {@code ret} if it is not negative, else throws {@code code} with {@code what}. */
  static int check(int ret, ErrorCode code, String what) {
    if (ret < 0) {
      throw new PipelineException(code, what + ": " + errorText(ret));
    }
    return ret;
  }

  /** An AVRational as a Rational, or empty when zero/invalid. */
  static java.util.Optional<Rational> rational(AVRational value) {
    if (value == null || value.num() <= 0 || value.den() <= 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Rational.of(value.num(), value.den()));
  }

  /** A new AVRational. */
  static AVRational q(long num, long den) {
    return new AVRational().num(Math.toIntExact(num)).den(Math.toIntExact(den));
  }
}
