package dev.abr.ingest.live.srt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link SrtAuthorizer} holding its streams in memory: a caller asking for a registered stream
 * id (as a plain stream id or {@code #!::r=<id>,m=publish}) is granted that id with its passphrase.
 * Answers from a map, never blocking libsrt's thread. Revoked streams stay listed so a retry is
 * refused as {@link SrtRefusalReason#FORBIDDEN}. Thread-safe.
 */
public final class InMemorySrtAuthorizer implements SrtAuthorizer {
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(SrtPassphrase passphrase, boolean revoked) {}

  /**
   * Lets callers publish {@code streamId} when they encrypt with {@code passphrase}; replaces an
   * earlier registration of the id (a new passphrase applies to the next handshake).
   *
   * @throws IllegalArgumentException when {@code streamId} is not {@code [A-Za-z0-9_-]{1,64}}
   */
  public void register(String streamId, SrtPassphrase passphrase) {
    SrtAuthorization.grant(streamId, passphrase); // validates the id
    entries.put(streamId, new Entry(passphrase, false));
  }

  /**
   * Revokes {@code streamId}: later handshakes for it are refused. A session already live is not
   * touched; end it with {@link SrtServer#disconnect(String)}.
   *
   * @return true if the stream id was registered
   */
  public boolean revoke(String streamId) {
    return entries.computeIfPresent(streamId, (id, entry) -> new Entry(entry.passphrase(), true))
        != null;
  }

  @Override
  public SrtAuthorization authorize(SrtPublishRequest request) {
    Entry entry = entries.get(request.resource());
    if (entry == null) {
      return SrtAuthorization.refuse(SrtRefusalReason.UNKNOWN_STREAM);
    }
    if (entry.revoked()) {
      return SrtAuthorization.refuse(SrtRefusalReason.FORBIDDEN);
    }
    return SrtAuthorization.grant(request.resource(), entry.passphrase());
  }

  @Override
  public String toString() {
    return "InMemorySrtAuthorizer[" + entries.size() + " streams]";
  }
}
