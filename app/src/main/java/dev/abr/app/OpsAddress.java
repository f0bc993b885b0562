package dev.abr.app;

/**
 * Where a role process's ops server listens ({@code /healthz}, {@code /readyz}, {@code /metrics}).
 *
 * @param host the address to bind, e.g. {@code 0.0.0.0} (every interface, for a container) or
 *     {@code 127.0.0.1}
 * @param port the TCP port, 0 for any free one
 */
record OpsAddress(String host, int port) {
  /** The default port of the ops server. */
  static final int DEFAULT_PORT = 8081;

  OpsAddress {
    if (host.isBlank()) {
      throw new IllegalArgumentException("ops host must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("ops port must be 0 to 65535: " + port);
    }
  }
}
