package dev.abr.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option of the role commands with its environment variable, read from the picocli
 * definitions themselves (each option's default is written {@code ${env:ABR_NAME:-fallback}}), so
 * this list cannot drift from what the commands accept. Deployment manifests and their tests check
 * their flags and variables against it.
 */
public final class RoleOptions {
  /** The role commands, in pipeline order. */
  public static final List<String> COMMANDS = List.of("ingest", "transcoder", "packager", "origin");

  private static final Pattern ENV_DEFAULT =
      Pattern.compile("\\$\\{env:(?<name>[A-Za-z0-9_]+)(?::-(?<fallback>[^}]*))?}");

  private RoleOptions() {}

  /**
   * Every option of every role command except {@code --help} and {@code --version}, by command in
   * {@link #COMMANDS} order, then by flag as declared.
   *
   * @throws IllegalStateException if an option has no {@code ${env:…}} default (a bug)
   */
  public static List<RoleOption> all() {
    return all(declarations());
  }

  /**
   * {@link #all()} read from {@code declarations}, a command line whose variables are not
   * interpolated (see {@link #declarations()}).
   */
  static List<RoleOption> all(CommandLine declarations) {
    List<RoleOption> options = new ArrayList<>();
    for (String command : COMMANDS) {
      for (OptionSpec option :
          declarations.getSubcommands().get(command).getCommandSpec().options()) {
        if (option.usageHelp() || option.versionHelp()) {
          continue;
        }
        options.add(parse(command, option));
      }
    }
    return List.copyOf(options);
  }

  /** The options of {@code command}. */
  public static List<RoleOption> of(String command) {
    return all().stream().filter(option -> option.command().equals(command)).toList();
  }

  /**
   * The options of any subcommand {@code command} that have an {@code ${env:…}} default, for
   * commands such as {@code submit} whose other options have no variable.
   */
  static List<RoleOption> withVariables(String command) {
    return withVariables(declarations(), command);
  }

  /**
   * {@link #withVariables(String)} read from {@code declarations} (see {@link #all(CommandLine)}).
   */
  static List<RoleOption> withVariables(CommandLine declarations, String command) {
    List<RoleOption> options = new ArrayList<>();
    for (OptionSpec option :
        declarations.getSubcommands().get(command).getCommandSpec().options()) {
      String raw = option.defaultValue();
      if (raw != null && ENV_DEFAULT.matcher(raw).matches()) {
        options.add(parse(command, option));
      }
    }
    return List.copyOf(options);
  }

  /** The commands as declared, with their defaults as written in the annotations. */
  private static CommandLine declarations() {
    CommandLine commandLine = AbrCommand.definitions(Map.of());
    commandLine.setInterpolateVariables(false);
    return commandLine;
  }

  private static RoleOption parse(String command, OptionSpec option) {
    String raw = option.defaultValue();
    Matcher matcher = raw == null ? null : ENV_DEFAULT.matcher(raw);
    if (matcher == null || !matcher.matches()) {
      throw new IllegalStateException(
          "option "
              + option.longestName()
              + " of abr "
              + command
              + " has no ${env:ABR_...} default: "
              + raw);
    }
    String fallback = matcher.group("fallback");
    return new RoleOption(
        command,
        option.longestName(),
        matcher.group("name"),
        fallback == null || fallback.isEmpty() ? Optional.empty() : Optional.of(fallback));
  }
}
