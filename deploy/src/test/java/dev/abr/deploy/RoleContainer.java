package dev.abr.deploy;

import dev.abr.app.RoleOption;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container of an abr role Deployment, read the way the process reads its options: the first
 * argument is the command, {@code --flag value} or {@code --flag=value} arguments win over the
 * environment, which wins over the option's default.
 *
 * @param manifests the rendered kustomization it belongs to
 * @param deployment the Deployment
 * @param container the container
 */
public record RoleContainer(Manifests manifests, Deployment deployment, Container container) {
  /** {@code overlays/dev Deployment/abr-ingest container abr}, for messages. */
  public String describe() {
    return manifests.describe(deployment) + " container " + container.getName();
  }

  /** The command: the first argument (the image's entrypoint is {@code abr}). */
  public Optional<String> command() {
    List<String> args = container.getArgs();
    return args == null || args.isEmpty() ? Optional.empty() : Optional.of(args.get(0));
  }

  /** The {@code --flags} given after the command, with their values. */
  Map<String, String> flags() {
    Map<String, String> flags = new LinkedHashMap<>();
    List<String> args = container.getArgs() == null ? List.of() : container.getArgs();
    for (int i = 1; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        continue;
      }
      int equals = arg.indexOf('=');
      if (equals > 0) {
        flags.put(arg.substring(0, equals), arg.substring(equals + 1));
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        flags.put(arg, args.get(++i));
      } else {
        flags.put(arg, "true");
      }
    }
    return flags;
  }

  /** Every environment variable the container gets: {@code env} names and {@code envFrom} keys. */
  List<String> environmentNames() {
    List<String> names = new ArrayList<>();
    for (EnvVar variable : env()) {
      names.add(variable.getName());
    }
    for (EnvFromSource source : envFrom()) {
      String prefix = source.getPrefix() == null ? "" : source.getPrefix();
      if (source.getConfigMapRef() != null) {
        manifests
            .configMap(source.getConfigMapRef().getName())
            .map(ConfigMap::getData)
            .ifPresent(data -> data.keySet().forEach(key -> names.add(prefix + key)));
      }
      if (source.getSecretRef() != null) {
        names.add(prefix + "<every key of Secret " + source.getSecretRef().getName() + ">");
      }
    }
    return names;
  }

  /**
   * The value the process sees for {@code option}: its flag, else its environment variable (a
   * literal or a ConfigMap key of this kustomization), else its default. Empty when it has none or
   * it comes from a Secret.
   */
  Optional<String> value(RoleOption option) {
    Map<String, String> flags = flags();
    if (flags.containsKey(option.flag())) {
      return Optional.of(flags.get(option.flag()));
    }
    for (EnvVar variable : env()) {
      if (variable.getName().equals(option.environmentVariable())) {
        return environmentValue(variable);
      }
    }
    return option.defaultValue();
  }

  /** The literal or ConfigMap value of an environment variable; empty for Secrets and unknowns. */
  public Optional<String> environmentValue(EnvVar variable) {
    if (variable.getValueFrom() == null) {
      return Optional.ofNullable(variable.getValue());
    }
    if (variable.getValueFrom().getConfigMapKeyRef() != null) {
      var reference = variable.getValueFrom().getConfigMapKeyRef();
      return manifests
          .configMap(reference.getName())
          .map(ConfigMap::getData)
          .map(data -> data.get(reference.getKey()));
    }
    return Optional.empty();
  }

  public List<EnvVar> env() {
    return container.getEnv() == null ? List.of() : container.getEnv();
  }

  List<EnvFromSource> envFrom() {
    return container.getEnvFrom() == null ? List.of() : container.getEnvFrom();
  }
}
