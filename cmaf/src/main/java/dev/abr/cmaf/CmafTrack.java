package dev.abr.cmaf;

import dev.abr.core.message.TrackKind;
import java.util.regex.Pattern;

/**
 * One CMAF track: what its init segment declares and its fragments must agree with.
 *
 * @param trackId the track id in {@code tkhd}, {@code trex} and {@code tfhd}; positive ({@link
 *     #DEFAULT_TRACK_ID} for the tracks this pipeline writes)
 * @param timescale ticks per second of every sample duration, composition offset and decode time of
 *     the track
 * @param language ISO 639-2/T language code, three lower-case letters ({@link
 *     #UNDETERMINED_LANGUAGE} when unknown)
 * @param format the codec and its configuration
 */
public record CmafTrack(int trackId, int timescale, String language, CodecFormat format) {
  /** CMAF files hold one track; ours has id 1. */
  public static final int DEFAULT_TRACK_ID = 1;

  /** ISO 639-2 "undetermined". */
  public static final String UNDETERMINED_LANGUAGE = "und";

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{3}");

  public CmafTrack {
    if (trackId <= 0) {
      throw new IllegalArgumentException("track id must be positive: " + trackId);
    }
    if (timescale <= 0) {
      throw new IllegalArgumentException("timescale must be positive: " + timescale);
    }
    if (!LANGUAGE.matcher(language).matches()) {
      throw new IllegalArgumentException(
          "language must be an ISO 639-2/T code of three lower-case letters such as eng: \""
              + language
              + "\"");
    }
  }

  /** Returns a video track with id 1, language {@code und} and {@code timescale}. */
  public static CmafTrack video(int timescale, VideoFormat format) {
    return new CmafTrack(DEFAULT_TRACK_ID, timescale, UNDETERMINED_LANGUAGE, format);
  }

  /**
   * Returns an audio track with id 1, language {@code und} and the sample rate as timescale (so an
   * AAC frame lasts 1024 ticks).
   */
  public static CmafTrack audio(AudioFormat format) {
    return new CmafTrack(DEFAULT_TRACK_ID, format.sampleRate(), UNDETERMINED_LANGUAGE, format);
  }

  /** Returns this track with {@code language}. */
  public CmafTrack withLanguage(String language) {
    return new CmafTrack(trackId, timescale, language, format);
  }

  /** Video or audio. */
  public TrackKind kind() {
    return format.kind();
  }

  /** The RFC 6381 {@code codecs} value of the track, for example {@code avc1.640028}. */
  public String codecs() {
    return format.codecs();
  }
}
