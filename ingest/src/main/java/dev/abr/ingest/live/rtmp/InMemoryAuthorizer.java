package dev.abr.ingest.live.rtmp;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An {@link Authorizer} holding its keys in memory, for one application name ({@code live}).
 *
 * <p>It keeps only the SHA-256 of each key (keys are long random strings, so an unsalted hash is
 * enough to make a memory dump useless) and compares hashes with {@link MessageDigest#isEqual},
 * looking at every entry, so neither the key nor its position leaks through timing. Revoked keys
 * stay listed so a retry is refused as {@link RefusalReason#REVOKED_KEY}. Thread-safe.
 */
public final class InMemoryAuthorizer implements Authorizer {
  private final String app;
  private final List<Entry> entries = new ArrayList<>();

  private record Entry(byte[] keyHash, String streamId, boolean revoked) {}

  /** An authorizer accepting publishes to {@code app} only. */
  public InMemoryAuthorizer(String app) {
    this.app = app;
  }

  /**
   * Lets {@code key} publish as {@code streamId}.
   *
   * @throws IllegalArgumentException when {@code streamId} is not {@code [A-Za-z0-9_-]{1,64}} or
   *     the key is already registered
   */
  public synchronized void register(StreamKey key, String streamId) {
    Authorization.grant(streamId); // validates the id
    byte[] hash = sha256(key);
    if (find(hash).isPresent()) {
      throw new IllegalArgumentException("key is already registered (for another stream id?)");
    }
    entries.add(new Entry(hash, streamId, false));
  }

  /**
   * Revokes {@code key}: later publishes with it are refused. A session already live is not
   * touched; end it with {@link RtmpServer#disconnect(String)} and the returned stream id.
   *
   * @return the stream id the key granted, or empty if the key was unknown
   */
  public synchronized Optional<String> revoke(StreamKey key) {
    Optional<Entry> entry = find(sha256(key));
    entry.ifPresent(
        found ->
            entries.set(
                entries.indexOf(found), new Entry(found.keyHash(), found.streamId(), true)));
    return entry.map(Entry::streamId);
  }

  @Override
  public synchronized Authorization authorize(PublishRequest request) {
    Optional<Entry> entry = find(sha256(request.streamKey()));
    if (entry.isEmpty()) {
      return Authorization.refuse(RefusalReason.UNKNOWN_KEY);
    }
    if (entry.get().revoked()) {
      return Authorization.refuse(RefusalReason.REVOKED_KEY);
    }
    if (!app.equals(request.app())) {
      return Authorization.refuse(RefusalReason.WRONG_APP);
    }
    return Authorization.grant(entry.get().streamId());
  }

  private Optional<Entry> find(byte[] hash) {
    Entry match = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.keyHash(), hash) && match == null) {
        match = entry;
      }
    }
    return Optional.ofNullable(match);
  }

  private static byte[] sha256(StreamKey key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.utf8());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "InMemoryAuthorizer[app=" + app + ", " + entries.size() + " keys]";
  }
}
