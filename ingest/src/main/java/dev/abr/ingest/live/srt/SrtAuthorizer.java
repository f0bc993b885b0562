package dev.abr.ingest.live.srt;

/**
 * Decides whether a caller may publish, and with which passphrase it must encrypt, during the SRT
 * handshake: before the connection exists and before any media.
 *
 * <p>Called once per caller handshake <b>on libsrt's receiving thread</b>, the one thread that
 * reads every packet of the server's port: while it runs, no session on that port receives
 * anything. Implementations answer from memory (a map, a cache refreshed elsewhere), never block on
 * I/O, and are thread-safe. An exception counts as a refusal ({@link
 * SrtRefusalReason#AUTHORIZER_FAILED}). A grant is not yet a session: the handshake fails
 * afterwards if the caller's passphrase differs. The server itself enforces one live publisher per
 * granted stream id; the authorizer need not. Implementations must not log, store or throw with a
 * passphrase in clear text.
 */
@FunctionalInterface
public interface SrtAuthorizer {
  /** Grants or refuses {@code request}. */
  SrtAuthorization authorize(SrtPublishRequest request);
}
