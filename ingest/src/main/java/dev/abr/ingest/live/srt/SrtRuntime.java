package dev.abr.ingest.live.srt;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The process-wide libsrt: loaded once, started ({@code srt_startup}) by the first server to start
 * and cleaned up ({@code srt_cleanup}) when the last one closes. libsrt's state is global to the
 * process, so this is too.
 */
final class SrtRuntime {
  private static @Nullable LibSrt library;
  // libsrt keeps only a native pointer to the handler: this field keeps it from being collected.
  private static @Nullable SrtLog log;
  private static int users;

  private SrtRuntime() {}

  /**
   * Loads and starts libsrt for one more user.
   *
   * @throws IOException when libsrt is not installed or does not start
   */
  static synchronized LibSrt acquire() throws IOException {
    LibSrt loaded = library;
    if (loaded == null) {
      loaded = LibSrt.load();
      log = SrtLog.install(loaded);
      library = loaded;
    }
    if (users == 0 && loaded.srt_startup() < 0) {
      throw new IOException("srt_startup failed: " + lastError(loaded));
    }
    users++;
    return loaded;
  }

  /** One user is done; the last one cleans libsrt up. */
  static synchronized void release() {
    LibSrt loaded = library;
    if (loaded == null || users == 0) {
      throw new IllegalStateException("libsrt released more often than acquired");
    }
    users--;
    if (users == 0) {
      loaded.srt_cleanup();
    }
  }

  /** libsrt's last error on this thread, as text with its code. */
  static String lastError(LibSrt library) {
    int code = library.srt_getlasterror(null);
    return library.srt_getlasterror_str() + " (SRT error " + code + ")";
  }
}
