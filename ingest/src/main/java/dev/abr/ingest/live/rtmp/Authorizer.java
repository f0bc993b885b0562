package dev.abr.ingest.live.rtmp;

/**
 * Decides whether a client may publish, before the server accepts any media from it.
 *
 * <p>Called once per {@code publish} command, on that connection's thread (a virtual thread, so a
 * blocking look-up is fine), possibly from many connections at once: implementations are
 * thread-safe. An exception counts as a refusal ({@link RefusalReason#AUTHORIZER_FAILED}). The
 * server itself enforces one live publisher per granted stream id; the authorizer need not.
 * Implementations must not log, store or throw with the key in clear text.
 */
@FunctionalInterface
public interface Authorizer {
  /** Grants or refuses {@code request}. */
  Authorization authorize(PublishRequest request);
}
