package dev.abr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.deploy.Manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Services, disruption budgets and the ServiceMonitor of each overlay reach the pods they are meant
 * for, on ports those pods open.
 */
class ServicesTest {
  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void services_selectPodsOfThisOverlay(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    List<String> problems = new ArrayList<>();
    for (Service service : manifests.ofType(Service.class)) {
      if (selected(manifests, service).isEmpty()) {
        problems.add(
            manifests.describe(service)
                + ": spec.selector "
                + service.getSpec().getSelector()
                + " selects no pod");
      }
    }
    assertThat(problems).as("Services without pods").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void servicePorts_targetPortsTheirPodsOpen(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    List<String> problems = new ArrayList<>();
    for (Service service : manifests.ofType(Service.class)) {
      for (ServicePort port : service.getSpec().getPorts()) {
        for (Workload workload : selected(manifests, service)) {
          if (containerPort(workload, port).isEmpty()) {
            problems.add(
                manifests.describe(service)
                    + ": port "
                    + port.getName()
                    + " targets "
                    + targetOf(port)
                    + "/"
                    + protocol(port)
                    + ", which "
                    + workload.describe()
                    + " does not open");
          }
        }
      }
    }
    assertThat(problems).as("Service ports to nowhere").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void disruptionBudgets_coverEveryRoleDeployment(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    List<String> problems = new ArrayList<>();
    for (RoleContainer role : manifests.roleContainers()) {
      Map<String, String> labels =
          role.deployment().getSpec().getTemplate().getMetadata().getLabels();
      long budgets =
          manifests.ofType(PodDisruptionBudget.class).stream()
              .filter(budget -> Selectors.matches(budget.getSpec().getSelector(), labels))
              .count();
      if (budgets != 1) {
        problems.add(
            role.describe() + ": " + budgets + " PodDisruptionBudgets select its pods, not 1");
      }
    }
    assertThat(problems).as("role pods and their disruption budgets").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void disruptionBudgets_selectPodsOfThisOverlay(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    List<String> problems = new ArrayList<>();
    for (PodDisruptionBudget budget : manifests.ofType(PodDisruptionBudget.class)) {
      boolean any =
          manifests.workloads().stream()
              .anyMatch(
                  workload -> Selectors.matches(budget.getSpec().getSelector(), workload.labels()));
      if (!any) {
        problems.add(manifests.describe(budget) + ": spec.selector selects no pod");
      }
    }
    assertThat(problems).as("PodDisruptionBudgets without pods").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void serviceMonitor_scrapesMetricsOnTheOpsPortOfEveryRole(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    List<GenericKubernetesResource> monitors = manifests.custom("ServiceMonitor");
    assertThat(monitors).as("%s: ServiceMonitors", overlay).hasSize(1);
    GenericKubernetesResource monitor = monitors.get(0);
    Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");

    Set<String> scraped = new HashSet<>();
    for (Service service : manifests.ofType(Service.class)) {
      if (!Selectors.matches(selector, labels(service))) {
        continue;
      }
      for (Map<String, Object> endpoint : endpoints) {
        assertThat(endpoint.get("path"))
            .as("%s endpoint path", manifests.describe(monitor))
            .isEqualTo("/metrics");
        Optional<ServicePort> port =
            service.getSpec().getPorts().stream()
                .filter(p -> p.getName().equals(endpoint.get("port")))
                .findFirst();
        assertThat(port)
            .as(
                "%s: port %s of %s",
                manifests.describe(monitor), endpoint.get("port"), manifests.describe(service))
            .isPresent();
        for (RoleContainer role : manifests.roleContainers()) {
          Map<String, String> podLabels =
              role.deployment().getSpec().getTemplate().getMetadata().getLabels();
          boolean opsPort =
              RoleDeploymentsTest.containerPort(role.container(), port.get().getTargetPort())
                  .equals(
                      RoleDeploymentsTest.containerPort(role.container(), new IntOrString("ops")));
          if (Selectors.matches(service.getSpec().getSelector(), podLabels) && opsPort) {
            scraped.add(role.command().orElseThrow());
          }
        }
      }
    }
    assertThat(scraped)
        .as("%s: roles whose ops port %s scrapes", overlay, manifests.describe(monitor))
        .containsExactlyInAnyOrderElementsOf(dev.abr.app.RoleOptions.COMMANDS);
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void ingestService_exposesRtmpOverTcpAndSrtOverUdp(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    RoleContainer ingest =
        manifests.roleContainers().stream()
            .filter(role -> role.command().orElseThrow().equals("ingest"))
            .findFirst()
            .orElseThrow();
    Map<String, String> labels =
        ingest.deployment().getSpec().getTemplate().getMetadata().getLabels();
    Set<String> exposed =
        manifests.ofType(Service.class).stream()
            .filter(service -> Selectors.matches(service.getSpec().getSelector(), labels))
            .flatMap(service -> service.getSpec().getPorts().stream())
            .map(port -> containerPortNumber(ingest.container(), port) + "/" + protocol(port))
            .collect(Collectors.toSet());

    // The listeners' ports as the process gets them (ABR_RTMP_PORT, ABR_SRT_PORT; defaults 1935,
    // 9000).
    String rtmp = environment(ingest, "ABR_RTMP_PORT").orElse("1935");
    String srt = environment(ingest, "ABR_SRT_PORT").orElse("9000");
    assertThat(exposed)
        .as("%s: container ports that Services expose on the ingest", overlay)
        .contains(rtmp + "/TCP", srt + "/UDP");
  }

  private static Optional<String> environment(RoleContainer role, String name) {
    return role.env().stream()
        .filter(variable -> variable.getName().equals(name))
        .findFirst()
        .flatMap(role::environmentValue);
  }

  /** The workloads (Deployments, Jobs) whose pods {@code service} selects. */
  static List<Workload> selected(Manifests manifests, Service service) {
    return manifests.workloads().stream()
        .filter(workload -> Selectors.matches(service.getSpec().getSelector(), workload.labels()))
        .toList();
  }

  /** The container port of {@code workload} that a Service port targets, with its protocol. */
  static Optional<ContainerPort> containerPort(Workload workload, ServicePort port) {
    IntOrString target = targetOf(port);
    for (Container container : workload.template().getSpec().getContainers()) {
      for (ContainerPort candidate :
          container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
        boolean sameTarget =
            target.getIntVal() != null
                ? target.getIntVal().equals(candidate.getContainerPort())
                : target.getStrVal().equals(candidate.getName());
        String candidateProtocol =
            candidate.getProtocol() == null ? "TCP" : candidate.getProtocol();
        if (sameTarget && candidateProtocol.equals(protocol(port))) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static String containerPortNumber(Container container, ServicePort port) {
    return RoleDeploymentsTest.containerPort(container, targetOf(port)).stream()
        .mapToObj(String::valueOf)
        .findFirst()
        .orElse("(no container port " + targetOf(port) + ")");
  }

  static IntOrString targetOf(ServicePort port) {
    return port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
  }

  static String protocol(ServicePort port) {
    return port.getProtocol() == null ? "TCP" : port.getProtocol();
  }

  private static Map<String, String> labels(Service service) {
    return service.getMetadata().getLabels() == null ? Map.of() : service.getMetadata().getLabels();
  }

  static Deployment deploymentOf(Manifests manifests, String command) {
    return manifests.roleContainers().stream()
        .filter(role -> role.command().orElseThrow().equals(command))
        .findFirst()
        .orElseThrow()
        .deployment();
  }
}
