package dev.abr.ingest.live.rtmp;

import java.util.regex.Pattern;

/** An {@link Authorizer}'s answer to a {@link PublishRequest}. */
public sealed interface Authorization {
  /**
   * The publish may go ahead as {@code streamId}, the public id of the stream (what logs, metrics,
   * storage paths and messages name instead of the key).
   *
   * @param streamId matches {@code [A-Za-z0-9_-]{1,64}}
   */
  record Granted(String streamId) implements Authorization {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Granted {
      if (!ID.matcher(streamId).matches()) {
        throw new IllegalArgumentException("stream id must match [A-Za-z0-9_-]{1,64}: " + streamId);
      }
    }
  }

  /** The publish is refused; the client gets NetStream.Publish.BadName and is disconnected. */
  record Refused(RefusalReason reason) implements Authorization {}

  /** Grants the publish as {@code streamId}. */
  static Authorization grant(String streamId) {
    return new Granted(streamId);
  }

  /** Refuses the publish. */
  static Authorization refuse(RefusalReason reason) {
    return new Refused(reason);
  }
}
