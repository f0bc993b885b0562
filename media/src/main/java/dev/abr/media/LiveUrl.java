package dev.abr.media;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.error.PipelineException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What FFmpeg gets for a live network source: the URL, the forced demuxer, the protocols it may
 * use, its options (timeouts included) and, for messages, a description without secrets.
 *
 * <p>Per scheme (FFmpeg 8 option names, checked with {@code ffmpeg -h protocol=srt} etc.):
 *
 * <ul>
 *   <li>{@code srt://host:port?mode=caller|listener&passphrase=…} — MPEG-TS over SRT; protocols
 *       {@code srt}. Query options go to libsrt as AVOptions, not in the URL, so the passphrase
 *       never reaches FFmpeg's own log lines. Timeouts: {@code timeout} (µs, socket I/O; libsrt
 *       makes it the URL's {@code rw_timeout}), {@code listen_timeout} (µs, a listener waiting for
 *       its caller), {@code connect_timeout} (ms, a caller's handshake). {@code latency} is in
 *       microseconds, as FFmpeg takes it.
 *   <li>{@code udp://host:port} — MPEG-TS over UDP; protocols {@code udp}. A unicast host is the
 *       local address to listen on ({@code 0.0.0.0} for all); a multicast host is the group to
 *       join, on the interface {@code localaddr}. Timeouts: {@code timeout} (µs, udp's own) and
 *       {@code rw_timeout} (µs, any protocol). Overruns of FFmpeg's receive buffer are not fatal.
 *   <li>{@code rtp://host:port} — RTP with a static payload type (MPEG-TS, type 33); protocols
 *       {@code rtp,udp}; the query stays in the URL (the RTP demuxer reopens it by itself).
 *       Timeout: {@code rw_timeout} does not reach the demuxer's own sockets; only the interrupt
 *       deadline bounds a read.
 *   <li>{@code rtsp://[user:password@]host[:port]/path} — protocols {@code rtsp,rtp,udp,tcp};
 *       {@code rtsp_transport} tcp or udp, UDP ports {@code min_port}/{@code max_port}. Timeout:
 *       the RTSP demuxer's {@code timeout} (µs, socket I/O, also the TCP connect). FFmpeg 5 renamed
 *       the old {@code stimeout} to {@code timeout} (and the old listen {@code timeout} to {@code
 *       listen_timeout}, in seconds); {@code rw_timeout} never reaches the RTSP connection because
 *       the demuxer opens its sockets itself (JavaCV #2112's hang).
 * </ul>
 *
 * Query keys outside a scheme's list are refused: FFmpeg ignores unknown keys, so a misspelt {@code
 * passphrase} would silently turn encryption off.
 *
 * @param url what {@code avformat_open_input} opens (may hold RTSP credentials: never print it)
 * @param formatName the demuxer to force
 * @param protocols FFmpeg's protocol allow-list
 * @param options FFmpeg options, in order (may hold the SRT passphrase: never print values)
 * @param redacted the URL for messages and logs: no user info, secret values as {@code ***}
 */
record LiveUrl(
    String url, String formatName, String protocols, Map<String, String> options, String redacted) {

  private static final String MASK = "***";
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private static final Set<String> SRT_KEYS =
      Set.of(
          "mode",
          "passphrase",
          "pbkeylen",
          "enforced_encryption",
          "latency",
          "rcvlatency",
          "peerlatency",
          "streamid",
          "rcvbuf",
          "tlpktdrop",
          "nakreport");
  private static final Set<String> SRT_MICROSECOND_KEYS =
      Set.of("latency", "rcvlatency", "peerlatency");
  private static final Set<String> UDP_KEYS =
      Set.of("localaddr", "pkt_size", "buffer_size", "fifo_size", "reuse", "sources", "block");
  private static final Set<String> RTP_KEYS =
      Set.of("localaddr", "buffer_size", "pkt_size", "sources", "block");

  /** Values shown as {@link #MASK}: secrets, and SRT stream ids (often carrying a stream key). */
  private static final Set<String> SECRET_KEYS = Set.of("passphrase", "streamid");

  LiveUrl {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /**
   * Checks {@code uri} and builds what FFmpeg needs to open it with {@code live}'s timeouts.
   *
   * @throws PipelineException {@code INPUT_UNSUPPORTED_FORMAT} for a scheme, query key or value
   *     this pipeline does not take; the message never holds a secret
   */
  static LiveUrl of(URI uri, LiveOptions live) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String redacted = redact(uri, scheme);
    if (uri.isOpaque() || uri.getHost() == null) {
      throw refused(redacted, "needs a host, as " + scheme + "://host:port");
    }
    long readMicros = TimeUnit.NANOSECONDS.toMicros(live.readTimeout().toNanos());
    long socketMicros =
        TimeUnit.NANOSECONDS.toMicros(
            Math.max(live.openTimeout().toNanos(), live.readTimeout().toNanos()));
    long openMicros = TimeUnit.NANOSECONDS.toMicros(live.openTimeout().toNanos());
    Map<String, String> options = new LinkedHashMap<>();
    String host = uri.getHost();
    return switch (scheme) {
      case "srt" -> {
        Map<String, String> query = query(uri, redacted, SRT_KEYS);
        requirePort(uri, redacted);
        checkSrt(query, redacted);
        options.putAll(query);
        boolean listener = "listener".equals(query.get("mode"));
        options.put("timeout", Long.toString(socketMicros));
        options.put("rw_timeout", Long.toString(socketMicros));
        if (listener) {
          options.put("listen_timeout", Long.toString(openMicros));
        } else {
          options.put("connect_timeout", Long.toString(Math.max(1, openMicros / 1000)));
        }
        yield new LiveUrl("srt://" + hostPort(uri), "mpegts", "srt", options, redacted);
      }
      case "udp" -> {
        Map<String, String> query = query(uri, redacted, UDP_KEYS);
        requirePort(uri, redacted);
        options.putAll(query);
        if (!isMulticast(host) && !query.containsKey("localaddr")) {
          options.put("localaddr", unbracketed(host));
        }
        options.put("timeout", Long.toString(socketMicros));
        options.put("rw_timeout", Long.toString(socketMicros));
        options.put("overrun_nonfatal", "1");
        yield new LiveUrl("udp://" + hostPort(uri), "mpegts", "udp", options, redacted);
      }
      case "rtp" -> {
        query(uri, redacted, RTP_KEYS);
        requirePort(uri, redacted);
        String rawQuery = uri.getRawQuery();
        yield new LiveUrl(
            "rtp://" + hostPort(uri) + (rawQuery == null ? "" : "?" + rawQuery),
            "rtp",
            "rtp,udp",
            options,
            redacted);
      }
      case "rtsp" -> {
        options.put(
            "rtsp_transport",
            live.rtspTransport() == LiveOptions.RtspTransport.TCP ? "tcp" : "udp");
        options.put("timeout", Long.toString(socketMicros));
        options.put("min_port", Integer.toString(live.rtpPorts().first()));
        options.put("max_port", Integer.toString(live.rtpPorts().last()));
        options.put("allowed_media_types", "video+audio");
        yield new LiveUrl(uri.toString(), "rtsp", "rtsp,rtp,udp,tcp", options, redacted);
      }
      default ->
          throw refused(
              redacted, "scheme \"" + scheme + "\" is not a live source (srt, udp, rtp, rtsp)");
    };
  }

  private static Map<String, String> query(URI uri, String redacted, Set<String> allowed) {
    Map<String, String> values = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!allowed.contains(key)) {
        // A key is named only when it looks like one: "passphrase:secret" is not echoed.
        String named = key.matches("[a-z_]{1,32}") ? "option \"" + key + "\"" : "an option";
        throw refused(
            redacted,
            named + " is not taken here (allowed: " + String.join(", ", sorted(allowed)) + ")");
      }
      values.put(key, value);
    }
    return values;
  }

  private static void checkSrt(Map<String, String> query, String redacted) {
    String mode = query.getOrDefault("mode", "caller");
    if (!mode.equals("caller") && !mode.equals("listener")) {
      throw refused(redacted, "SRT mode must be caller or listener, not \"" + mode + "\"");
    }
    String passphrase = query.get("passphrase");
    if (passphrase != null && (passphrase.length() < 10 || passphrase.length() > 79)) {
      // libsrt's rule (SRTO_PASSPHRASE); the length is not a secret worth keeping, the value is.
      throw refused(redacted, "the SRT passphrase must have 10 to 79 characters");
    }
    for (String key : SRT_MICROSECOND_KEYS) {
      String value = query.get(key);
      if (value == null) {
        continue;
      }
      long micros;
      try {
        micros = Long.parseLong(value);
      } catch (NumberFormatException e) {
        throw refused(redacted, key + " must be a whole number of microseconds: " + value);
      }
      if (micros < 1000) {
        throw refused(
            redacted,
            key
                + "="
                + value
                + " is under 1 ms: FFmpeg takes SRT latency in microseconds (120 ms is "
                + key
                + "=120000)");
      }
    }
  }

  private static void requirePort(URI uri, String redacted) {
    if (uri.getPort() < 1) {
      throw refused(redacted, "needs a port, as " + uri.getScheme() + "://host:port");
    }
  }

  /** True for a literal IPv4 (224.0.0.0/4) or IPv6 (ff00::/8) multicast address; no DNS lookup. */
  static boolean isMulticast(String host) {
    if (host.startsWith("[")) {
      return host.toLowerCase(Locale.ROOT).startsWith("[ff");
    }
    Matcher ipv4 = IPV4.matcher(host);
    if (!ipv4.matches()) {
      return false;
    }
    int first = Integer.parseInt(ipv4.group(1));
    return first >= 224 && first <= 239;
  }

  private static String unbracketed(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static String hostPort(URI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }

  /**
   * {@code uri} without its user info and with secret query values masked: for SRT and UDP the keys
   * are known and only {@link #SECRET_KEYS} are masked; anything else (an RTSP server's own query,
   * a query that would be refused) is masked whole.
   */
  static String redact(URI uri, String scheme) {
    if (uri.isOpaque()) {
      return scheme + ":" + MASK;
    }
    StringBuilder text = new StringBuilder(scheme).append("://");
    if (uri.getRawUserInfo() != null) {
      text.append(MASK).append('@');
    }
    if (uri.getHost() != null) {
      text.append(uri.getHost());
    } else if (uri.getRawAuthority() != null) {
      text.append(MASK);
    }
    if (uri.getPort() >= 0) {
      text.append(':').append(uri.getPort());
    }
    if (uri.getRawPath() != null) {
      text.append(uri.getRawPath());
    }
    String raw = uri.getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      Set<String> known =
          switch (scheme) {
            case "srt" -> SRT_KEYS;
            case "udp" -> UDP_KEYS;
            case "rtp" -> RTP_KEYS;
            default -> Set.of();
          };
      List<String> parts = new ArrayList<>();
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        if (known.contains(key) && !SECRET_KEYS.contains(key)) {
          parts.add(pair);
        } else if (known.contains(key)) {
          parts.add(key + "=" + MASK);
        } else {
          parts.add(MASK);
        }
      }
      text.append('?').append(String.join("&", parts));
    }
    if (uri.getRawFragment() != null) {
      text.append('#').append(MASK);
    }
    return text.toString();
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }

  private static PipelineException refused(String redacted, String why) {
    return new PipelineException(ErrorCode.INPUT_UNSUPPORTED_FORMAT, redacted + ": " + why);
  }
}
