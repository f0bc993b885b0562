package dev.abr.ingest.live.srt;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What a caller asks for in its handshake: to publish {@code resource}, parsed from its stream id
 * (a plain id, or {@code r=} of {@code #!::r=<id>,m=publish}).
 *
 * @param resource the requested stream; chosen by the caller, so it may hold anything (up to 512
 *     characters): the {@link SrtAuthorizer} decides which public stream id, if any, it becomes
 * @param user the {@code u=} key of an access-control stream id, if given
 * @param peer the caller's address
 */
public record SrtPublishRequest(String resource, Optional<String> user, InetSocketAddress peer) {
  /** Shows the resource made printable (and cut to 64 characters) and the peer, not the user. */
  @Override
  public String toString() {
    return "SrtPublishRequest[resource=" + SrtStreamId.printable(resource) + ", peer=" + peer + "]";
  }
}
