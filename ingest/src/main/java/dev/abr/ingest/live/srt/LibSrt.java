package dev.abr.ingest.live.srt;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of libsrt's C API (srt.h, libsrt 1.5) that {@link SrtServer} uses, bound with JNA.
 *
 * <p>Socket options are passed as pointers to native memory ({@link IntByReference} for the {@code
 * int32_t} options). Addresses are Linux {@code struct sockaddr} bytes, see {@link Sockaddr}. Every
 * function sets libsrt's per-thread last error on failure: read it with {@link #srt_getlasterror}
 * on the same thread.
 */
interface LibSrt extends Library {
  /** {@code SRT_ERROR} and {@code SRT_INVALID_SOCK}: what failing functions return. */
  int SRT_ERROR = -1;

  // SRT_SOCKOPT (srt.h). The numbers are the ABI and have not changed since 1.3.
  int SRTO_RCVSYN = 2;
  int SRTO_RCVTIMEO = 14;
  int SRTO_LATENCY = 23;
  int SRTO_PASSPHRASE = 26;
  int SRTO_PBKEYLEN = 27;
  int SRTO_PAYLOADSIZE = 49;
  int SRTO_TRANSTYPE = 50;
  int SRTO_ENFORCEDENCRYPTION = 53;
  int SRTO_IPV6ONLY = 54;

  /** {@code SRT_TRANSTYPE}: live mode (TSBPD, too-late packet drop, message API). */
  int SRTT_LIVE = 0;

  /** Largest payload of one live-mode message: MTU 1500 less UDP (28) and SRT (16) headers. */
  int SRT_LIVE_MAX_PLSIZE = 1456;

  /**
   * {@code SRT_ERRNO} values are {@code 1000 * major + minor}; major 6 ({@code MJ_AGAIN}) is "would
   * block or timed out": {@code srt_recvmsg} past {@code SRTO_RCVTIMEO} fails with {@code
   * SRT_ETIMEOUT} (6003) in libsrt 1.5, {@code SRT_EASYNCRCV} (6002) in some versions.
   */
  int SRT_ERRNO_MAJOR_AGAIN = 6;

  // logging_api.h: what libsrt leaves out of the lines it passes to a log handler.
  int SRT_LOGF_DISABLE_TIME = 1;
  int SRT_LOGF_DISABLE_THREADNAME = 2;
  int SRT_LOGF_DISABLE_SEVERITY = 4;
  int SRT_LOGF_DISABLE_EOL = 8;

  /**
   * The listen callback, {@code srt_listen_callback_fn}: called on libsrt's receiving thread when a
   * caller's conclusion handshake arrives, before the connection exists. Returns 0 to go on with
   * the handshake, -1 to reject it (with the reason set by {@link #srt_setrejectreason}).
   */
  interface ListenCallback extends Callback {
    int invoke(
        Pointer opaque, int socket, int handshakeVersion, Pointer peerAddress, Pointer streamId);
  }

  /**
   * The log handler, {@code SRT_LOG_HANDLER_FN}: called on whichever thread logs, with a syslog
   * level ({@code LOG_CRIT} 2, {@code LOG_ERR} 3, {@code LOG_WARNING} 4, {@code LOG_NOTICE} 5,
   * {@code LOG_DEBUG} 7).
   */
  interface LogHandler extends Callback {
    void invoke(Pointer opaque, int level, String file, int line, String area, String message);
  }

  void srt_setloghandler(Pointer opaque, LogHandler handler);

  void srt_setlogflags(int flags);

  int srt_startup();

  int srt_cleanup();

  int srt_create_socket();

  int srt_bind(int socket, byte[] address, int addressLength);

  int srt_listen(int socket, int backlog);

  int srt_accept(int socket, byte[] address, IntByReference addressLength);

  int srt_close(int socket);

  int srt_getsockname(int socket, byte[] address, IntByReference addressLength);

  int srt_setsockflag(int socket, int option, Pointer value, int valueLength);

  int srt_recvmsg(int socket, Pointer buffer, int length);

  int srt_getlasterror(Pointer systemErrno);

  String srt_getlasterror_str();

  int srt_listen_callback(int socket, ListenCallback callback, Pointer opaque);

  int srt_setrejectreason(int socket, int reason);

  /** Library names tried in order: Debian's GnuTLS and OpenSSL flavours, then the upstream name. */
  List<String> NAMES = List.of("srt-gnutls", "srt-openssl", "srt");

  /** The Debian package that provides the first name. */
  String DEBIAN_PACKAGE = "libsrt1.5-gnutls";

  /**
   * Loads the system libsrt.
   *
   * @throws IOException naming the Debian package to install when no libsrt can be loaded
   */
  static LibSrt load() throws IOException {
    return load(NAMES);
  }

  /** Loads the first of {@code names} that loads; see {@link #load()}. */
  static LibSrt load(List<String> names) throws IOException {
    List<String> failures = new ArrayList<>();
    for (String name : names) {
      try {
        return Native.load(name, LibSrt.class);
      } catch (UnsatisfiedLinkError e) {
        failures.add(name);
      }
    }
    throw new IOException(
        "libsrt is not installed (tried the libraries "
            + String.join(", ", failures)
            + "): install the Debian package "
            + DEBIAN_PACKAGE
            + " (apt-get install "
            + DEBIAN_PACKAGE
            + ") or your distribution's libsrt 1.5");
  }
}
