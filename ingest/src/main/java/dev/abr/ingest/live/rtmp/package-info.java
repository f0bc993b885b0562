/**
 * An RTMP ingest server: broadcasters (OBS, FFmpeg, GStreamer, hardware encoders) publish to {@code
 * rtmp://host:port/<app>/<streamKey>}; each authorized publish becomes an FLV byte stream.
 *
 * <p>Entry point: {@link dev.abr.ingest.live.rtmp.RtmpServer}. Protocol references: Adobe RTMP
 * specification 1.0 (handshake §5.2, chunk stream §5.3, control messages §5.4, commands §7), AMF0
 * specification, Adobe FLV file format (Video File Format Specification 10.1, annex E).
 *
 * <p>Stream keys are secrets: they are held in {@link dev.abr.ingest.live.rtmp.StreamKey}, whose
 * {@code toString()} is redacted, and never reach logs, exception messages or metrics; the public
 * stream id an {@link dev.abr.ingest.live.rtmp.Authorizer} grants is used there instead.
 */
@NullMarked
package dev.abr.ingest.live.rtmp;

import org.jspecify.annotations.NullMarked;
