package dev.abr.app;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The ops server options every role command has. */
final class OpsOptions {
  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "${env:ABR_HTTP_PORT:-8081}",
      description =
          "Ops server port for /healthz, /readyz and /metrics; 0 picks a free one (env"
              + " ABR_HTTP_PORT, default 8081).")
  String httpPort = "";

  @Option(
      names = "--http-host",
      paramLabel = "ADDRESS",
      defaultValue = "${env:ABR_HTTP_HOST:-0.0.0.0}",
      description =
          "Address the HTTP servers listen on (env ABR_HTTP_HOST, default 0.0.0.0: every"
              + " interface, as a container needs).")
  String httpHost = "";

  /** The ops address, or empty after recording the problems. */
  Optional<OpsAddress> address(ConfigProblems problems) {
    Optional<Integer> port = OptionParsers.port(problems, "--http-port", "ABR_HTTP_PORT", httpPort);
    Optional<String> host = OptionParsers.host(problems, "--http-host", "ABR_HTTP_HOST", httpHost);
    if (port.isEmpty() || host.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new OpsAddress(host.get(), port.get()));
  }
}
