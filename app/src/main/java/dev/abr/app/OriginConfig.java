package dev.abr.app;

import dev.abr.s3.StorageLocation;

/**
 * The configuration of {@code abr origin}.
 *
 * @param output the output store to serve
 * @param port the players' HTTP port, 0 for any free one; bound on {@code ops.host()}
 * @param ops where the ops server listens; its port differs from {@code port} unless both are 0
 */
record OriginConfig(StorageLocation output, int port, OpsAddress ops) {
  /** The default port for players. */
  static final int DEFAULT_PORT = 8080;

  OriginConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("origin port must be 0 to 65535: " + port);
    }
    if (port != 0 && port == ops.port()) {
      throw new IllegalArgumentException("origin port and ops port must differ: " + port);
    }
  }
}
