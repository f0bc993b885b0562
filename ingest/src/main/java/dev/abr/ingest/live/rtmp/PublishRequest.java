package dev.abr.ingest.live.rtmp;

import java.net.InetSocketAddress;

/**
 * What a client asks for when it sends {@code publish}: the application it connected to and the
 * stream key it publishes with.
 *
 * @param app the {@code app} of the client's {@code connect} command ({@code live} for {@code
 *     rtmp://host/live/key}); chosen by the client, so it may hold anything: never log it
 * @param streamKey the stream name of {@code publish}, a secret
 * @param peer the client's address
 */
public record PublishRequest(String app, StreamKey streamKey, InetSocketAddress peer) {
  /** Never shows the key or the app. */
  @Override
  public String toString() {
    return "PublishRequest[peer=" + peer + "]";
  }
}
