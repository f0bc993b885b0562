package dev.abr.app.live;

import java.net.URI;

/**
 * Where clients reach this process, for the URLs the API hands out.
 *
 * @param publicHost the host name or address broadcasters and viewers use
 * @param rtmpPort the RTMP server's port, or 0 when there is none
 * @param srtPort the SRT server's port, or 0 when there is none
 * @param origin the origin's base URL, for playback URLs
 */
public record LiveEndpoints(String publicHost, int rtmpPort, int srtPort, URI origin) {
  /** {@code rtmp://host:port/live}: the server URL an encoder is given (the key goes apart). */
  public String rtmpServer() {
    return "rtmp://"
        + hostLiteral()
        + ":"
        + rtmpPort
        + "/"
        + dev.abr.ingest.live.StreamRegistry.APP;
  }

  /** {@code srt://host:port}: the SRT listener (stream id and passphrase go apart). */
  public String srtServer() {
    return "srt://" + hostLiteral() + ":" + srtPort;
  }

  private String hostLiteral() {
    return publicHost.contains(":") ? "[" + publicHost + "]" : publicHost;
  }
}
