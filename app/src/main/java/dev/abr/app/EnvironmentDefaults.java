package dev.abr.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Resolves a role command's option defaults from an environment map, exactly as their {@code
 * ${env:NAME:-fallback}} annotations say: the variable's value if it is set, else the fallback
 * (empty when there is none). Lets tests give an environment without touching the process's own;
 * the command line uses it with {@link System#getenv()}.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
  private final Map<String, String> environment;
  private final Map<String, RoleOption> byFlag = new HashMap<>();

  EnvironmentDefaults(Map<String, String> environment, List<RoleOption> options) {
    this.environment = Map.copyOf(environment);
    for (RoleOption option : options) {
      byFlag.put(option.flag(), option);
    }
  }

  @Override
  public @Nullable String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option)) {
      return null;
    }
    RoleOption known = byFlag.get(option.longestName());
    if (known == null) {
      return null;
    }
    String value = environment.get(known.environmentVariable());
    return value != null ? value : known.defaultValue().orElse("");
  }
}
