package dev.abr.ingest.live.rtmp;

/** Which RTMP handshake a client used. */
public enum HandshakeKind {
  /** The handshake of the RTMP specification 1.0 §5.2 (GStreamer's rtmp2, rtmpdump without SWF). */
  SIMPLE,
  /** The Flash Player 9 digest handshake (FFmpeg, librtmp/OBS, Flash). */
  DIGEST
}
