package dev.abr.ingest.live;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import dev.abr.core.id.Ids;
import dev.abr.core.json.Json;
import dev.abr.core.storage.ObjectStore;
import dev.abr.ingest.live.rtmp.Authorization;
import dev.abr.ingest.live.rtmp.Authorizer;
import dev.abr.ingest.live.rtmp.PublishRequest;
import dev.abr.ingest.live.rtmp.RefusalReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The live streams, kept as one JSON document per stream under {@code streams/} in a store (a
 * folder, or S3 so that several ingest processes share them), and cached here. Authorizes RTMP
 * publishes: a presented key is compared, in constant time, with every stream's derived key (see
 * {@link StreamKeys}); an unknown key makes the cache reload from the store at most once a second,
 * so a stream created through another process works at once. Thread-safe.
 */
public final class StreamRegistry implements Authorizer {
  /** The RTMP application streams publish to: {@code rtmp://host/live/<key>}. */
  public static final String APP = "live";

  /** Key prefix of the stream documents in the store. */
  public static final String PREFIX = "streams/";

  private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(1);

  private final ObjectStore store;
  private final StreamKeys keys;
  private final Clock clock;
  private final Map<String, Entry> streams = new TreeMap<>();
  private Instant lastReload = Instant.MIN;

  private record Entry(LiveStreamConfig config, byte[] key) {}

  /**
   * A stream and its key, which is secret: give it to the broadcaster, never log it.
   *
   * @param config the stream
   * @param key the RTMP stream key and SRT passphrase
   */
  public record Keyed(LiveStreamConfig config, String key) {
    @Override
    public String toString() {
      return "Keyed[" + config.id() + ", key redacted]";
    }
  }

  private StreamRegistry(ObjectStore store, StreamKeys keys, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Opens the registry in {@code store} and loads every stream.
   *
   * @throws PipelineException {@code STORAGE_UNAVAILABLE} when the store cannot be listed or read
   */
  public static StreamRegistry open(ObjectStore store, StreamKeys keys, Clock clock) {
    StreamRegistry registry = new StreamRegistry(store, keys, clock);
    synchronized (registry) {
      registry.reload();
    }
    return registry;
  }

  /** A fresh stream id for {@code name}: its slug plus a random suffix. */
  public static String newId(String name) {
    return Ids.slug(name, 40) + "-" + Ids.random(6);
  }

  /**
   * Creates {@code config} and returns it with its key.
   *
   * @throws IllegalArgumentException when a stream with that id exists
   */
  public synchronized Keyed create(LiveStreamConfig config) {
    if (streams.containsKey(config.id()) || exists(config.id())) {
      throw new IllegalArgumentException("stream id " + config.id() + " is taken");
    }
    write(config, true);
    return remember(config);
  }

  /** The stream with {@code id}, if any. */
  public synchronized Optional<LiveStreamConfig> find(String id) {
    if (!streams.containsKey(id)) {
      reloadIfDue();
    }
    return Optional.ofNullable(streams.get(id)).map(Entry::config);
  }

  /** The stream with {@code id} and its key, if any (for the SRT passphrase). */
  public synchronized Optional<Keyed> findKeyed(String id) {
    return find(id).map(config -> new Keyed(config, keys.key(config.id(), config.keyGeneration())));
  }

  /** Every stream, by id. */
  public synchronized List<LiveStreamConfig> list() {
    reloadIfDue();
    List<LiveStreamConfig> all = new ArrayList<>();
    streams.values().forEach(e -> all.add(e.config()));
    all.sort(Comparator.comparing(LiveStreamConfig::id));
    return all;
  }

  /**
   * Rotates the key of stream {@code id}: the old key stops working at once (a publisher already
   * live goes on until it disconnects).
   */
  public synchronized Optional<Keyed> rotateKey(String id) {
    Optional<LiveStreamConfig> current = find(id);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    LiveStreamConfig next = current.get().withNextKey();
    write(next, false);
    return Optional.of(remember(next));
  }

  /** Deletes the stream: its key stops working at once. Returns false if there was none. */
  public synchronized boolean delete(String id) {
    if (find(id).isEmpty()) {
      return false;
    }
    try {
      store.delete(documentKey(id));
    } catch (IOException e) {
      throw unavailable("delete stream " + id, e);
    }
    streams.remove(id);
    return true;
  }

  @Override
  public Authorization authorize(PublishRequest request) {
    if (!APP.equals(request.app())) {
      return new Authorization.Refused(RefusalReason.WRONG_APP);
    }
    byte[] presented = request.streamKey().utf8();
    synchronized (this) {
      Optional<String> match = match(presented);
      if (match.isEmpty() && reloadIfDue()) {
        match = match(presented);
      }
      return match
          .<Authorization>map(Authorization.Granted::new)
          .orElseGet(() -> new Authorization.Refused(RefusalReason.UNKNOWN_KEY));
    }
  }

  /** Compares with every entry, so the time taken does not depend on where a match is. */
  private Optional<String> match(byte[] presented) {
    String match = null;
    for (Entry entry : streams.values()) {
      if (MessageDigest.isEqual(entry.key(), presented) && match == null) {
        match = entry.config().id();
      }
    }
    return Optional.ofNullable(match);
  }

  private Keyed remember(LiveStreamConfig config) {
    String key = keys.key(config.id(), config.keyGeneration());
    streams.put(config.id(), new Entry(config, key.getBytes(StandardCharsets.UTF_8)));
    return new Keyed(config, key);
  }

  private boolean reloadIfDue() {
    Instant now = clock.instant();
    if (Duration.between(lastReload, now).compareTo(RELOAD_INTERVAL) < 0) {
      return false;
    }
    reload();
    return true;
  }

  private void reload() {
    lastReload = clock.instant();
    List<String> found;
    try {
      found = store.list(PREFIX);
    } catch (IOException e) {
      throw unavailable("list the streams", e);
    }
    Map<String, Entry> loaded = new TreeMap<>();
    for (String key : found) {
      if (!key.endsWith(".json")) {
        continue;
      }
      LiveStreamConfig config;
      try {
        config =
            Json.read(store.read(key), LiveStreamConfig.class, key + " in " + store.describe());
      } catch (IOException e) {
        continue; // deleted while we listed
      }
      String secret = keys.key(config.id(), config.keyGeneration());
      loaded.put(config.id(), new Entry(config, secret.getBytes(StandardCharsets.UTF_8)));
    }
    streams.clear();
    streams.putAll(loaded);
  }

  private boolean exists(String id) {
    try {
      return store.exists(documentKey(id));
    } catch (IOException e) {
      throw unavailable("check stream " + id, e);
    }
  }

  private void write(LiveStreamConfig config, boolean create) {
    String key = documentKey(config.id());
    byte[] json = Json.writePretty(config).getBytes(StandardCharsets.UTF_8);
    try {
      if (create) {
        if (!store.putIfAbsent(key, json)) {
          throw new IllegalArgumentException("stream id " + config.id() + " is taken");
        }
      } else {
        store.putAtomically(key, json);
      }
    } catch (IOException e) {
      throw unavailable("save stream " + config.id(), e);
    }
  }

  private PipelineException unavailable(String what, IOException e) {
    return new PipelineException(
        ErrorCode.STORAGE_UNAVAILABLE,
        "cannot " + what + " in " + store.describe() + ": " + e.getMessage(),
        e);
  }

  /** The store key of stream {@code id}'s document. */
  public static String documentKey(String id) {
    return PREFIX + id + ".json";
  }

  @Override
  public String toString() {
    return "StreamRegistry[" + store.describe() + "]";
  }
}
