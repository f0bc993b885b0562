package dev.abr.app;

import dev.abr.core.id.Ids;
import dev.abr.media.EncoderThreads;
import dev.abr.s3.StorageLocation;
import dev.abr.transcoder.TranscoderRole;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the text of one role-command option (from its flag or its environment variable) into a
 * value, or records a problem in {@link ConfigProblems} and returns empty. Every method names the
 * option by flag and variable, so a user who configured it through the environment sees which
 * variable is wrong.
 */
final class OptionParsers {
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})?");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");

  private OptionParsers() {}

  /**
   * Bootstrap servers: {@code host:port[,host:port…]}, required. Never echoed: a malformed value
   * may be a URL with credentials.
   */
  static Optional<String> bootstrapServers(
      ConfigProblems problems, String flag, String variable, String text) {
    String value = text.strip();
    if (value.isEmpty()) {
      problems.add(flag, variable, "is required: the Kafka bootstrap servers, e.g. kafka:9092");
      return Optional.empty();
    }
    for (String server : value.split(",", -1)) {
      if (!isHostPort(server.strip())) {
        problems.add(
            flag,
            variable,
            "must be host:port[,host:port...] with ports 1 to 65535, without a scheme or user"
                + " info (the value is not shown)");
        return Optional.empty();
      }
    }
    return Optional.of(value);
  }

  /** A storage URL, required: a folder or {@code s3://bucket/prefix?…}; never echoed. */
  static Optional<StorageLocation> storage(
      ConfigProblems problems, String flag, String variable, String text) {
    if (text.isBlank()) {
      problems.add(flag, variable, "is required: a folder path or s3://bucket/prefix?endpoint=...");
      return Optional.empty();
    }
    try {
      // StorageLocation's messages never echo user info or parameter values.
      return Optional.of(StorageLocation.parse(text));
    } catch (IllegalArgumentException e) {
      problems.add(flag, variable, e.getMessage());
      return Optional.empty();
    }
  }

  /** A TCP port from 0 (any free port) to 65535. */
  static Optional<Integer> port(
      ConfigProblems problems, String flag, String variable, String text) {
    Optional<Integer> port = integer(text);
    if (port.isEmpty() || port.get() < 0 || port.get() > 65_535) {
      problems.add(
          flag,
          variable,
          "must be a port number from 0 (any free port) to 65535, not" + shown(text));
      return Optional.empty();
    }
    return port;
  }

  /** A bind address: a host name or an IPv4 or IPv6 address. */
  static Optional<String> host(ConfigProblems problems, String flag, String variable, String text) {
    String value = text.strip();
    boolean ipv6Literal = value.contains(":") && value.matches("[0-9A-Fa-f:.]{2,45}");
    if (!HOST.matcher(value).matches() && !ipv6Literal) {
      problems.add(
          flag, variable, "must be an address to listen on, e.g. 0.0.0.0 or 127.0.0.1 or ::");
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** An integer of at least {@code minimum}. */
  static Optional<Integer> atLeast(
      ConfigProblems problems, String flag, String variable, String text, int minimum) {
    Optional<Integer> value = integer(text);
    if (value.isEmpty() || value.get() < minimum) {
      problems.add(
          flag, variable, "must be a whole number of at least " + minimum + ", not" + shown(text));
      return Optional.empty();
    }
    return value;
  }

  /**
   * Threads per rendition encoder: {@code auto} (a share of this machine's cores divided by {@code
   * concurrency}), {@code x264} or a number.
   */
  static Optional<EncoderThreads> encoderThreads(
      ConfigProblems problems, String flag, String variable, String text, int concurrency) {
    String value = ConfigProblems.normalized(text);
    if (value.isEmpty() || value.equals(EncoderThreads.AUTO)) {
      return Optional.of(TranscoderRole.defaultThreads(concurrency));
    }
    try {
      return Optional.of(EncoderThreads.parse(value, 1));
    } catch (IllegalArgumentException e) {
      problems.add(
          flag,
          variable,
          "must be auto, x264 or a number of threads from 1 to 64, not" + shown(text));
      return Optional.empty();
    }
  }

  /** Whole seconds, at least {@code minimumSeconds}. */
  static Optional<Duration> seconds(
      ConfigProblems problems, String flag, String variable, String text, int minimumSeconds) {
    return atLeast(problems, flag, variable, text, minimumSeconds)
        .map(seconds -> Duration.ofSeconds(seconds));
  }

  /** {@code true} or {@code false} (any case); empty text is false. */
  static Optional<Boolean> bool(
      ConfigProblems problems, String flag, String variable, String text) {
    return switch (ConfigProblems.normalized(text)) {
      case "true" -> Optional.of(true);
      case "false", "" -> Optional.of(false);
      default -> {
        problems.add(flag, variable, "must be true or false, not" + shown(text));
        yield Optional.empty();
      }
    };
  }

  /** A Kafka client id ({@link Ids}); never echoed when invalid. */
  static Optional<String> clientId(
      ConfigProblems problems, String flag, String variable, String text) {
    String value = text.strip();
    if (!Ids.isValid(value)) {
      problems.add(flag, variable, "must be 1 to 64 of A-Z a-z 0-9 _ - (the value is not shown)");
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** A local folder path. */
  static Optional<Path> folder(ConfigProblems problems, String flag, String variable, String text) {
    try {
      return Optional.of(Path.of(text.strip()).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      problems.add(flag, variable, "is not a valid folder path: " + e.getReason());
      return Optional.empty();
    }
  }

  private static boolean isHostPort(String server) {
    int colon = server.lastIndexOf(':');
    if (colon <= 0) {
      return false;
    }
    String host = server.substring(0, colon);
    Optional<Integer> port = integer(server.substring(colon + 1));
    return (HOST.matcher(host).matches() || IPV6.matcher(host).matches())
        && port.isPresent()
        && port.get() >= 1
        && port.get() <= 65_535;
  }

  private static Optional<Integer> integer(String text) {
    String value = text.strip();
    if (!value.matches("-?[0-9]{1,9}")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(value));
  }

  private static String shown(String text) {
    String quoted = ConfigProblems.quoted(text.strip());
    return quoted.isEmpty() ? " that value" : quoted;
  }
}
