package dev.abr.cmaf;

import dev.abr.core.message.TrackKind;

/** What a track's samples are: {@link VideoFormat} (H.264) or {@link AudioFormat} (AAC). */
public sealed interface CodecFormat permits VideoFormat, AudioFormat {
  /** Video or audio. */
  TrackKind kind();

  /** The RFC 6381 {@code codecs} value, for example {@code avc1.640028} or {@code mp4a.40.2}. */
  String codecs();
}
