package dev.abr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.app.RoleOption;
import dev.abr.app.RoleOptions;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The role Deployments of each overlay against the code: commands, flags and environment variables
 * are those of {@link RoleOptions#all()}, probes hit the ops port, and shutdown leaves the drain
 * its time.
 */
class RoleDeploymentsTest {
  /** Environment variables that are not abr options but are read in the container. */
  private static final String OTHER_VARIABLES = "AWS_[A-Z0-9_]+|JAVA_TOOL_OPTIONS";

  /**
   * Seconds a role may take after its drain grace before it exits on its own: the drain watchdog
   * ({@code WorkerProcess.WATCHDOG_MARGIN_SECONDS}) and the origin's server stop wait ({@code
   * OriginCommand.STOP_WAIT}) are both 15 s (docs/decisions/012-role-processes.md).
   */
  private static final int SHUTDOWN_MARGIN_SECONDS = 15;

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void roleDeployments_runEachRoleCommandOnce(String overlay) {
    Manifests manifests = Manifests.render(overlay);

    List<String> commands =
        manifests.roleContainers().stream()
            .map(container -> container.command().orElse("(no args) in " + container.describe()))
            .toList();

    assertThat(commands)
        .as("%s: the commands of the abr Deployments (args[0])", overlay)
        .containsExactlyInAnyOrderElementsOf(RoleOptions.COMMANDS);
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void roleArgs_useOnlyFlagsOfTheirRole(String overlay) {
    List<String> problems = new ArrayList<>();
    for (RoleContainer container : Manifests.render(overlay).roleContainers()) {
      String command = container.command().orElseThrow();
      Set<String> known = known(command, RoleOption::flag);
      for (String flag : container.flags().keySet()) {
        if (!known.contains(flag)) {
          problems.add(
              container.describe() + ": args " + flag + " is not an option of abr " + command);
        }
      }
    }
    assertThat(problems).as("flags unknown to their role").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void roleEnvironment_setsOnlyVariablesOfTheirRole(String overlay) {
    List<String> problems = new ArrayList<>();
    for (RoleContainer container : Manifests.render(overlay).roleContainers()) {
      String command = container.command().orElseThrow();
      Set<String> known = known(command, RoleOption::environmentVariable);
      for (String name : container.environmentNames()) {
        if (!known.contains(name) && !name.matches(OTHER_VARIABLES)) {
          problems.add(
              container.describe() + ": env " + name + " is not a variable of abr " + command);
        }
      }
    }
    assertThat(problems).as("environment variables unknown to their role").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void workers_leaveTopicsToStrimzi(String overlay) {
    List<String> problems = new ArrayList<>();
    for (RoleContainer container : Manifests.render(overlay).roleContainers()) {
      Optional<RoleOption> createTopics = option(container, "--create-topics");
      if (createTopics.isPresent()
          && !container.value(createTopics.get()).orElse("").equals("false")) {
        problems.add(
            container.describe() + ": ABR_CREATE_TOPICS is " + container.value(createTopics.get()));
      }
    }
    assertThat(problems)
        .as("roles that would create topics (KafkaTopic resources make them)")
        .isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void probes_hitHealthAndReadinessOnTheOpsPort(String overlay) {
    List<String> problems = new ArrayList<>();
    for (RoleContainer role : Manifests.render(overlay).roleContainers()) {
      Container container = role.container();
      int opsPort =
          Integer.parseInt(role.value(option(role, "--http-port").orElseThrow()).orElseThrow());
      Map<String, Optional<Probe>> probes = new TreeMap<>();
      probes.put("livenessProbe /healthz", Optional.ofNullable(container.getLivenessProbe()));
      probes.put("readinessProbe /readyz", Optional.ofNullable(container.getReadinessProbe()));
      if (container.getStartupProbe() != null) {
        probes.put("startupProbe /healthz", Optional.of(container.getStartupProbe()));
      }
      probes.forEach(
          (label, probe) -> {
            String path = label.substring(label.indexOf(' ') + 1);
            String field = label.substring(0, label.indexOf(' '));
            if (probe.isEmpty() || probe.get().getHttpGet() == null) {
              problems.add(role.describe() + ": " + field + " is not an httpGet probe");
              return;
            }
            var httpGet = probe.get().getHttpGet();
            OptionalInt port = containerPort(container, httpGet.getPort());
            if (!path.equals(httpGet.getPath()) || port.isEmpty() || port.getAsInt() != opsPort) {
              problems.add(
                  role.describe()
                      + ": "
                      + field
                      + " gets "
                      + httpGet.getPath()
                      + " on port "
                      + httpGet.getPort()
                      + ", not "
                      + path
                      + " on the ops port "
                      + opsPort);
            }
          });
    }
    assertThat(problems).as("probes that miss the ops server").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void opsPort_isADeclaredContainerPortNamedOps(String overlay) {
    List<String> problems = new ArrayList<>();
    for (RoleContainer role : Manifests.render(overlay).roleContainers()) {
      int opsPort =
          Integer.parseInt(role.value(option(role, "--http-port").orElseThrow()).orElseThrow());
      OptionalInt declared = containerPort(role.container(), new IntOrString("ops"));
      if (declared.isEmpty() || declared.getAsInt() != opsPort) {
        problems.add(
            role.describe()
                + ": ports[name=ops] is "
                + declared
                + ", the process listens on "
                + opsPort);
      }
    }
    assertThat(problems).as("ops ports").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void roleContainers_sleepBeforeSigterm(String overlay) {
    List<String> problems = new ArrayList<>();
    for (RoleContainer role : Manifests.render(overlay).roleContainers()) {
      if (preStopSleepSeconds(role.container()).isEmpty()) {
        problems.add(role.describe() + ": lifecycle.preStop is not exec [\"sleep\", \"N\"]");
      }
    }
    assertThat(problems)
        .as("containers without a preStop sleep (endpoints must drop the pod before SIGTERM)")
        .isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void terminationGrace_exceedsPreStopPlusDrainGracePlusWatchdog(String overlay) {
    List<String> problems = new ArrayList<>();
    for (RoleContainer role : Manifests.render(overlay).roleContainers()) {
      long drainSeconds =
          option(role, "--drain-grace").flatMap(role::value).map(Long::parseLong).orElse(0L);
      int preStopSeconds = preStopSleepSeconds(role.container()).orElse(0);
      long needed = preStopSeconds + drainSeconds + SHUTDOWN_MARGIN_SECONDS;
      Long grace =
          role.deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
      if (grace == null || grace < needed) {
        problems.add(
            role.describe()
                + ": terminationGracePeriodSeconds "
                + grace
                + " < preStop sleep "
                + preStopSeconds
                + " s + drain grace "
                + drainSeconds
                + " s + margin "
                + SHUTDOWN_MARGIN_SECONDS
                + " s = "
                + needed);
      }
    }
    assertThat(problems).as("pods killed before their drain can end").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void roleContainers_requestAndLimitCpuAndMemory(String overlay) {
    List<String> problems = new ArrayList<>();
    for (RoleContainer role : Manifests.render(overlay).roleContainers()) {
      ResourceRequirements resources = role.container().getResources();
      for (String resource : List.of("cpu", "memory")) {
        Quantity request =
            resources == null || resources.getRequests() == null
                ? null
                : resources.getRequests().get(resource);
        Quantity limit =
            resources == null || resources.getLimits() == null
                ? null
                : resources.getLimits().get(resource);
        if (request == null || limit == null) {
          problems.add(
              role.describe() + ": resources." + resource + " needs a request and a limit");
        } else if (amount(request).compareTo(amount(limit)) > 0) {
          problems.add(
              role.describe()
                  + ": resources.requests."
                  + resource
                  + " "
                  + request
                  + " > limit "
                  + limit);
        }
      }
    }
    assertThat(problems).as("resources").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void transcoder_requestsTheMostCpu(String overlay) {
    Map<String, BigDecimal> cpu =
        Manifests.render(overlay).roleContainers().stream()
            .collect(
                Collectors.toMap(
                    role -> role.command().orElseThrow(),
                    role -> amount(role.container().getResources().getRequests().get("cpu"))));

    assertThat(cpu.get("transcoder"))
        .as("%s: the transcoder's CPU request against %s", overlay, cpu)
        .isEqualTo(cpu.values().stream().max(BigDecimal::compareTo).orElseThrow());
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void transcoderReplicas_areLeftToKeda(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    Deployment transcoder =
        manifests.roleContainers().stream()
            .filter(role -> role.command().orElseThrow().equals("transcoder"))
            .findFirst()
            .orElseThrow()
            .deployment();

    assertThat(transcoder.getSpec().getReplicas())
        .as(
            "%s spec.replicas (kubectl apply would reset what the ScaledObject set)",
            manifests.describe(transcoder))
        .isNull();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void roleContainers_runOneTaggedImage(String overlay) {
    Set<String> images =
        Manifests.render(overlay).roleContainers().stream()
            .map(role -> role.container().getImage())
            .collect(Collectors.toSet());

    assertThat(images).as("%s: images of the role containers", overlay).hasSize(1);
    assertThat(images.iterator().next())
        .as("%s: the role image has a tag or digest other than latest (the images: entry)", overlay)
        .matches(".+(:[A-Za-z0-9_][A-Za-z0-9_.-]*|@sha256:[0-9a-f]{64})")
        .doesNotEndWith(":latest");
  }

  /** The flags or variables {@code command} accepts. */
  private static Set<String> known(
      String command, java.util.function.Function<RoleOption, String> name) {
    return RoleOptions.of(command).stream().map(name).collect(Collectors.toSet());
  }

  static Optional<RoleOption> option(RoleContainer container, String flag) {
    return RoleOptions.of(container.command().orElseThrow()).stream()
        .filter(option -> option.flag().equals(flag))
        .findFirst();
  }

  /** The number of a container port given by number or by name. */
  static OptionalInt containerPort(Container container, IntOrString port) {
    if (port == null) {
      return OptionalInt.empty();
    }
    if (port.getIntVal() != null) {
      return OptionalInt.of(port.getIntVal());
    }
    List<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
    return ports.stream()
        .filter(candidate -> port.getStrVal().equals(candidate.getName()))
        .mapToInt(ContainerPort::getContainerPort)
        .findFirst();
  }

  /** N of a {@code preStop: exec: ["sleep", "N"]} hook. */
  static Optional<Integer> preStopSleepSeconds(Container container) {
    if (container.getLifecycle() == null
        || container.getLifecycle().getPreStop() == null
        || container.getLifecycle().getPreStop().getExec() == null) {
      return Optional.empty();
    }
    List<String> command = container.getLifecycle().getPreStop().getExec().getCommand();
    if (command == null
        || command.size() != 2
        || !command.get(0).equals("sleep")
        || !command.get(1).matches("[0-9]+")) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(command.get(1)));
  }

  static BigDecimal amount(Quantity quantity) {
    return Quantity.getAmountInBytes(quantity);
  }
}
