package dev.abr.ingest.live.srt;

import java.util.regex.Pattern;

/** An {@link SrtAuthorizer}'s answer to an {@link SrtPublishRequest}. */
public sealed interface SrtAuthorization {
  /**
   * The caller may publish as {@code streamId}, the public id of the stream (what logs, metrics,
   * storage paths and messages name), provided it encrypts with {@code passphrase}: the handshake
   * fails, without a session, when the caller has no passphrase or another one.
   *
   * @param streamId matches {@code [A-Za-z0-9_-]{1,64}}
   * @param passphrase the secret the caller must use; its text is redacted in {@link #toString()}
   */
  record Granted(String streamId, SrtPassphrase passphrase) implements SrtAuthorization {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Granted {
      if (!ID.matcher(streamId).matches()) {
        throw new IllegalArgumentException(
            "stream id must match [A-Za-z0-9_-]{1,64}: " + SrtStreamId.printable(streamId));
      }
    }
  }

  /** The caller is refused during the handshake with {@code reason}'s rejection code. */
  record Refused(SrtRefusalReason reason) implements SrtAuthorization {}

  /** Grants the publish as {@code streamId} to a caller encrypting with {@code passphrase}. */
  static SrtAuthorization grant(String streamId, SrtPassphrase passphrase) {
    return new Granted(streamId, passphrase);
  }

  /** Refuses the publish. */
  static SrtAuthorization refuse(SrtRefusalReason reason) {
    return new Refused(reason);
  }
}
