package dev.abr.ingest.live.srt;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libsrt's own log lines, routed to SLF4J (logger {@code dev.abr.ingest.live.srt.libsrt}) instead
 * of the process's stderr.
 *
 * <p>Levels are lowered by one step: libsrt logs as errors and warnings what is routine for a
 * server (a refused handshake, a wrong passphrase, a listener closed under a waiting {@code
 * srt_accept}, a peer gone), and the server reports what matters through {@link SrtListener}.
 * {@code LOG_CRIT} → ERROR, {@code LOG_ERR} → INFO, everything else → DEBUG: a wrong passphrase
 * ("Incorrect passphrase", a warning) shows at DEBUG. At its default level libsrt logs neither
 * passphrases nor stream ids.
 */
final class SrtLog implements LibSrt.LogHandler {
  private static final Logger LOG = LoggerFactory.getLogger("dev.abr.ingest.live.srt.libsrt");
  private static final int LOG_CRIT = 2;
  private static final int LOG_ERR = 3;

  /** Installs a handler on {@code srt} and returns it: keep it referenced while libsrt may log. */
  static SrtLog install(LibSrt srt) {
    SrtLog handler = new SrtLog();
    Native.setCallbackThreadInitializer(
        handler, new CallbackThreadInitializer(/* daemon= */ true, /* detach= */ true, "libsrt"));
    srt.srt_setlogflags(
        LibSrt.SRT_LOGF_DISABLE_TIME
            | LibSrt.SRT_LOGF_DISABLE_THREADNAME
            | LibSrt.SRT_LOGF_DISABLE_SEVERITY
            | LibSrt.SRT_LOGF_DISABLE_EOL);
    srt.srt_setloghandler(null, handler);
    return handler;
  }

  @Override
  public void invoke(
      @Nullable Pointer opaque,
      int level,
      String file,
      int line,
      String area,
      @Nullable String message) {
    try {
      // With the header fields disabled a line still starts with the ": " that followed them.
      String text = message == null ? "" : message.strip().replaceFirst("^:\\s*", "");
      if (level <= LOG_CRIT) {
        LOG.error("libsrt: {}", text);
      } else if (level == LOG_ERR) {
        LOG.info("libsrt: {}", text);
      } else {
        LOG.debug("libsrt: {}", text);
      }
    } catch (RuntimeException e) {
      // nothing may escape into libsrt's thread
    }
  }
}
