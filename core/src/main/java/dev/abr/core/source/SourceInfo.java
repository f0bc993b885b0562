package dev.abr.core.source;

import dev.abr.core.time.MediaTime;
import java.util.Optional;

/**
 * What probing found about a source file or feed.
 *
 * @param container FFmpeg demuxer name, for example {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param duration declared duration (source timescale), zero when unknown (live)
 * @param video the video stream used, if any
 * @param audio the audio stream used, if any
 */
public record SourceInfo(
    String container,
    MediaTime duration,
    Optional<SourceVideo> video,
    Optional<SourceAudio> audio) {}
