package dev.abr.core.plan;

import dev.abr.core.ladder.AudioSettings;
import dev.abr.core.ladder.H264Level;
import dev.abr.core.ladder.H264Profile;
import dev.abr.core.ladder.Ladder;
import dev.abr.core.ladder.VideoRung;
import dev.abr.core.source.SourceAudio;
import dev.abr.core.source.SourceVideo;
import dev.abr.core.time.Rational;
import dev.abr.core.time.Timescales;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a ladder against a probed source: which rungs to encode at which exact size, level,
 * frame rate and GOP. Pure and deterministic; ingest runs it once per stream.
 *
 * <ul>
 *   <li>A rung's {@code height} is the target short side, so portrait sources keep their
 *       orientation; the long side follows the display aspect ratio (pixel aspect and rotation
 *       applied), rounded to the nearest even number; output pixels are square.
 *   <li>Rungs whose short side is above the source's are dropped (never upscale). When no rung
 *       fits, the lowest rung's settings are used at the source size (rounded down to even).
 *   <li>The frame rate is the source's nominal rate, divided by the smallest whole factor that
 *       brings it to at most the ladder's {@code maxFrameRate}; the GOP is {@code gopDuration}
 *       worth of frames.
 * </ul>
 */
public final class LadderPlanner {
  private LadderPlanner() {}

  /** The video plan for {@code source}. */
  public static VideoPlan planVideo(SourceVideo source, Ladder ladder) {
    Rational frameRate = outputFrameRate(source.frameRate(), ladder.maxFrameRate());
    int displayWidth = source.displayWidth();
    int displayHeight = source.displayHeight();
    boolean landscape = displayWidth >= displayHeight;
    int sourceShort = Math.min(displayWidth, displayHeight);
    int sourceLong = Math.max(displayWidth, displayHeight);

    List<VideoRendition> renditions = new ArrayList<>();
    Set<String> sizes = new HashSet<>();
    for (VideoRung rung : ladder.video().rungs()) {
      if (rung.height() > sourceShort) {
        continue;
      }
      int outShort = rung.height();
      int outLong = nearestEven((double) outShort * sourceLong / sourceShort);
      add(
          renditions,
          sizes,
          rung,
          landscape ? outLong : outShort,
          landscape ? outShort : outLong,
          frameRate,
          ladder);
    }
    if (renditions.isEmpty()) {
      List<VideoRung> rungs = ladder.video().rungs();
      VideoRung lowest = rungs.get(rungs.size() - 1);
      int outShort = Math.max(2, sourceShort - sourceShort % 2);
      int outLong = Math.max(2, sourceLong - sourceLong % 2);
      add(
          renditions,
          sizes,
          lowest,
          landscape ? outLong : outShort,
          landscape ? outShort : outLong,
          frameRate,
          ladder);
    }
    int gopFrames = (int) Math.max(1, gopDurationFrames(ladder.gopDuration(), frameRate));
    return new VideoPlan(
        frameRate,
        Timescales.forVideo(frameRate),
        gopFrames,
        source.interlaced(),
        source.rotationDegrees(),
        renditions);
  }

  /** The audio plan, if the source has audio and the ladder an audio rendition. */
  public static Optional<AudioPlan> planAudio(Optional<SourceAudio> source, Ladder ladder) {
    if (source.isEmpty() || ladder.audio().isEmpty()) {
      return Optional.empty();
    }
    AudioSettings settings = ladder.audio().get();
    return Optional.of(
        new AudioPlan(
            "audio",
            settings.codec(),
            settings.sampleRate(),
            settings.channels(),
            settings.bitrateBitsPerSecond()));
  }

  /** {@code source} divided by the smallest whole factor that makes it at most {@code max}. */
  public static Rational outputFrameRate(Rational source, Rational max) {
    if (source.compareTo(max) <= 0) {
      return source;
    }
    // factor = ceil(source / max) = ceil(sn * md / (sd * mn))
    long numerator = Math.multiplyExact(source.numerator(), max.denominator());
    long denominator = Math.multiplyExact(source.denominator(), max.numerator());
    long factor = (numerator + denominator - 1) / denominator;
    return Rational.of(source.numerator(), Math.multiplyExact(source.denominator(), factor));
  }

  private static long gopDurationFrames(Rational gopSeconds, Rational frameRate) {
    return gopSeconds.times(frameRate).toDecimal(0, RoundingMode.HALF_UP).longValueExact();
  }

  private static void add(
      List<VideoRendition> renditions,
      Set<String> sizes,
      VideoRung rung,
      int width,
      int height,
      Rational frameRate,
      Ladder ladder) {
    if (!sizes.add(width + "x" + height)) {
      return;
    }
    H264Profile profile = H264Profile.parse(rung.profile());
    H264Level level =
        H264Level.pick(
            profile, width, height, frameRate, rung.maxrateBitsPerSecond(), rung.bufferSizeBits());
    renditions.add(
        new VideoRendition(
            rung.name(),
            ladder.video().codec(),
            width,
            height,
            rung.bitrateBitsPerSecond(),
            rung.maxrateBitsPerSecond(),
            rung.bufferSizeBits(),
            profile.x264Name(),
            level.toString(),
            ladder.video().preset()));
  }

  private static int nearestEven(double value) {
    return (int) Math.max(2, 2 * Math.round(value / 2));
  }
}
