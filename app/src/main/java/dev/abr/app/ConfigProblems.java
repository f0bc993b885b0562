package dev.abr.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Collects what is wrong with a role command's options, so that the user sees every problem at
 * once, one line each, naming the flag and its environment variable. Messages never echo a value
 * that could hold a secret (bootstrap servers, storage URLs, client ids); numbers are echoed.
 */
final class ConfigProblems {
  private static final Pattern SHORT_TOKEN = Pattern.compile("[A-Za-z0-9.+-]{1,20}");

  private final List<String> lines = new ArrayList<>();

  /**
   * Records a problem with {@code flag} (given by flag or by {@code environmentVariable}; empty for
   * an option that has no variable).
   */
  void add(String flag, String environmentVariable, String problem) {
    lines.add(
        flag
            + (environmentVariable.isEmpty() ? "" : " (" + environmentVariable + ")")
            + ": "
            + problem);
  }

  /** Records a problem that concerns several options. */
  void add(String problem) {
    lines.add(problem);
  }

  /** The problems so far, one line each. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /**
   * Throws a usage failure listing every problem.
   *
   * @throws CommandFailedException with exit code {@link ExitCodes#USAGE} if there is any problem
   */
  void throwIfAny() {
    if (!lines.isEmpty()) {
      throw new CommandFailedException(String.join("\n", lines), ExitCodes.USAGE);
    }
  }

  /** {@code text} quoted if it is a short harmless token (a number, a word), else nothing. */
  static String quoted(String text) {
    return SHORT_TOKEN.matcher(text).matches() ? " \"" + text + "\"" : "";
  }

  /** Lower-cased and stripped, for booleans. */
  static String normalized(String text) {
    return text.strip().toLowerCase(Locale.ROOT);
  }
}
