package dev.abr.media;

import dev.abr.core.plan.VideoPlan;
import dev.abr.core.plan.VideoRendition;
import java.util.Locale;

/**
 * How many threads each rendition's x264 encoder of a chunk gets.
 *
 * <p>x264 on its own gives every encoder 1.5 threads per core, as if it had the machine to itself.
 * A chunk runs one encoder per rung at once, each fed by a thread of its own, so on a 2-core
 * machine the default ladder ran about 16 encoder threads on 2 cores. {@link #shareOf(int)} (the
 * default) gives each encoder x264's 1.5 threads per core, but of its share of the cores: the share
 * of the ladder's pixels it encodes, at least one thread. On 2 cores the default ladder gets
 * 2/1/1/1 threads (1080p/720p/480p/360p) and used about 3 % less CPU and wall time for the same
 * output quality (docs/performance.md); on 8 cores it gets 7/3/1/1.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EncoderThreads {
  /** x264's own rule, per encoder: 1.5 threads per core. */
  private static final double THREADS_PER_CORE = 1.5;

  /** The most a rendition's threads are lowered below the busiest rendition's (nice steps). */
  private static final int MAX_NICE = 4;

  /** Linux gives a thread about 1.25 times the CPU of one a nice step lower, when contended. */
  private static final double WEIGHT_PER_NICE_STEP = 1.25;

  /** The name of the default setting. */
  public static final String AUTO = "auto";

  /** The name of x264's own setting. */
  public static final String X264 = "x264";

  private final int cores;
  private final int fixed;

  private EncoderThreads(int cores, int fixed) {
    this.cores = cores;
    this.fixed = fixed;
  }

  /**
   * Each encoder gets 1.5 threads per core of its pixel share of {@code cores} cores (at least 1).
   */
  public static EncoderThreads shareOf(int cores) {
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be at least 1: " + cores);
    }
    return new EncoderThreads(cores, 0);
  }

  /** Every encoder chooses for itself, as the ffmpeg command line does: 1.5 threads per core. */
  public static EncoderThreads x264Default() {
    return new EncoderThreads(0, 0);
  }

  /** Every encoder gets {@code threads} threads (1: no frame threads, deterministic output). */
  public static EncoderThreads fixed(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    return new EncoderThreads(0, threads);
  }

  /**
   * Reads a setting: {@value #AUTO} ({@link #shareOf} {@code cores}), {@value #X264} ({@link
   * #x264Default}) or a number of threads per encoder ({@link #fixed}).
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  public static EncoderThreads parse(String setting, int cores) {
    String value = setting.strip().toLowerCase(Locale.ROOT);
    if (value.equals(AUTO)) {
      return shareOf(cores);
    }
    if (value.equals(X264)) {
      return x264Default();
    }
    try {
      int threads = Integer.parseInt(value);
      if (threads >= 1 && threads <= 64) {
        return fixed(threads);
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw new IllegalArgumentException(
        "x264 threads '"
            + setting
            + "' is not valid: use auto (a share of the cores per rendition), x264 (x264's own"
            + " choice per encoder) or a number of threads from 1 to 64");
  }

  /**
   * The thread count for {@code rendition}'s encoder ({@code AVCodecContext.thread_count}): 0 lets
   * x264 choose.
   */
  public int threadsFor(VideoPlan plan, VideoRendition rendition) {
    if (fixed > 0) {
      return fixed;
    }
    if (cores == 0) {
      return 0;
    }
    double pixels = 0;
    for (VideoRendition each : plan.renditions()) {
      pixels += (double) each.width() * each.height();
    }
    double share = (double) rendition.width() * rendition.height() / pixels;
    return (int) Math.max(1, Math.round(THREADS_PER_CORE * cores * share));
  }

  /**
   * The Linux nice value for {@code rendition}'s threads (0 to {@value #MAX_NICE}), so that when
   * all renditions want the cores each gets CPU in proportion to its work per thread.
   *
   * <p>Linux shares the cores per thread, not per rendition. With equal priorities a one-thread
   * rendition that has a large part of the ladder's work (720p at 2/1/1/1 threads on 2 cores) gets
   * no more CPU than the 360p thread, falls behind, and the others then wait for it with a core
   * idle: about 1 core-second of every minute of 1080p media on 2 cores (docs/performance.md,
   * "Fourth round"). A rendition's work per thread is taken as its pixels per busy x264 thread (its
   * frame threads and, with more than one, its lookahead thread); its nice value is the number of
   * nice steps (each about 1.25 times less CPU) by which that lies below the largest, rounded down,
   * at most {@value #MAX_NICE}. The busiest rendition keeps nice 0, so nothing ever runs at a
   * higher priority than the rest of the process.
   */
  public int niceFor(VideoPlan plan, VideoRendition rendition) {
    double busiest = 0;
    for (VideoRendition each : plan.renditions()) {
      busiest = Math.max(busiest, pixelsPerThread(plan, each));
    }
    double steps =
        Math.log(busiest / pixelsPerThread(plan, rendition)) / Math.log(WEIGHT_PER_NICE_STEP);
    return (int) Math.min(MAX_NICE, Math.max(0, Math.floor(steps + 1e-9)));
  }

  private double pixelsPerThread(VideoPlan plan, VideoRendition rendition) {
    int threads = threadsFor(plan, rendition);
    // With frame threads x264 also runs its lookahead on a thread of its own; with one thread the
    // lookahead runs on it. 0 (x264 chooses) gives every encoder the same count.
    int busy = threads == 0 ? 1 : threads > 1 ? threads + 1 : 1;
    return (double) rendition.width() * rendition.height() / busy;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EncoderThreads that && cores == that.cores && fixed == that.fixed;
  }

  @Override
  public int hashCode() {
    return 31 * cores + fixed;
  }

  /** For logs: {@code auto (2 cores)}, {@code x264} or {@code 3 per encoder}. */
  @Override
  public String toString() {
    if (fixed > 0) {
      return fixed + " per encoder";
    }
    return cores == 0 ? X264 : AUTO + " (" + cores + (cores == 1 ? " core)" : " cores)");
  }
}
