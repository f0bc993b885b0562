package dev.abr.app;

import dev.abr.core.id.Ids;
import dev.abr.core.kafka.WorkerSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The Kafka options of the worker role commands (all but the origin). */
final class KafkaOptions {
  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      defaultValue = "${env:ABR_KAFKA_BOOTSTRAP:-}",
      description = "Kafka bootstrap servers (env ABR_KAFKA_BOOTSTRAP; required).")
  String bootstrapServers = "";

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      defaultValue = "${env:ABR_CLIENT_ID:-}",
      description =
          "Kafka client id of this member, 1 to 64 of A-Z a-z 0-9 _ - (env ABR_CLIENT_ID;"
              + " default: the host name, e.g. the pod name, made a valid id).")
  String clientId = "";

  @Option(
      names = "--create-topics",
      paramLabel = "true|false",
      arity = "0..1",
      fallbackValue = "true",
      defaultValue = "${env:ABR_CREATE_TOPICS:-false}",
      description =
          "Create missing topics at start with their default partitions (env"
              + " ABR_CREATE_TOPICS, default false: the topics must exist, e.g. made by Strimzi).")
  String createTopics = "";

  @Option(
      names = "--startup-timeout",
      paramLabel = "SECONDS",
      defaultValue = "${env:ABR_STARTUP_TIMEOUT_SECONDS:-30}",
      description =
          "How long the start-up check waits for Kafka before exiting with code 3 (env"
              + " ABR_STARTUP_TIMEOUT_SECONDS, default 30).")
  String startupTimeout = "";

  private final Map<String, String> environment;

  KafkaOptions(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * The process settings, or empty after recording the problems.
   *
   * @param role the role name, for a client id when the host has no usable name
   * @param drainGraceText the text of the command's {@code --drain-grace}
   */
  Optional<WorkerProcessConfig> processConfig(
      ConfigProblems problems, String role, String drainGraceText, OpsOptions opsOptions) {
    Optional<String> bootstrap =
        OptionParsers.bootstrapServers(
            problems, "--kafka", "ABR_KAFKA_BOOTSTRAP", bootstrapServers);
    Optional<String> id =
        clientId.isBlank()
            ? Optional.of(defaultClientId(role))
            : OptionParsers.clientId(problems, "--client-id", "ABR_CLIENT_ID", clientId);
    Optional<Duration> grace =
        OptionParsers.seconds(
            problems, "--drain-grace", "ABR_DRAIN_GRACE_SECONDS", drainGraceText, 0);
    Optional<Boolean> create =
        OptionParsers.bool(problems, "--create-topics", "ABR_CREATE_TOPICS", createTopics);
    Optional<Duration> timeout =
        OptionParsers.seconds(
            problems, "--startup-timeout", "ABR_STARTUP_TIMEOUT_SECONDS", startupTimeout, 1);
    Optional<OpsAddress> ops = opsOptions.address(problems);
    if (bootstrap.isEmpty()
        || id.isEmpty()
        || grace.isEmpty()
        || create.isEmpty()
        || timeout.isEmpty()
        || ops.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new WorkerProcessConfig(
            new WorkerSettings(bootstrap.get(), id.get(), grace.get()),
            create.get(),
            timeout.get(),
            ops.get()));
  }

  /**
   * The host name ({@code HOSTNAME}, which Kubernetes sets to the pod name, else the local host's
   * name) made a valid id; {@code abr-<role>} if there is none.
   */
  private String defaultClientId(String role) {
    String host = environment.getOrDefault("HOSTNAME", "");
    if (host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "";
      }
    }
    return host.matches(".*[A-Za-z0-9].*") ? Ids.slug(host, 64) : "abr-" + role;
  }
}
