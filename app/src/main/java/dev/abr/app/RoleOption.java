package dev.abr.app;

import java.util.Optional;

/**
 * One option of a role command ({@code abr ingest}, {@code abr transcoder}, {@code abr packager},
 * {@code abr origin}), as deployment manifests use it.
 *
 * @param command the subcommand, for example {@code transcoder}
 * @param flag the long option, for example {@code --kafka}
 * @param environmentVariable the environment variable that gives the option when the flag is
 *     absent, for example {@code ABR_KAFKA_BOOTSTRAP}
 * @param defaultValue the value when neither is given; empty when the option has no fixed default
 *     (required, or derived at start such as the client id from the host name)
 */
public record RoleOption(
    String command, String flag, String environmentVariable, Optional<String> defaultValue) {
  public RoleOption {
    if (!flag.startsWith("--")) {
      throw new IllegalArgumentException("flag must be a long option: " + flag);
    }
    if (!environmentVariable.matches("ABR_[A-Z0-9_]+")) {
      throw new IllegalArgumentException(
          "environment variable must be ABR_ and upper case: " + environmentVariable);
    }
  }
}
