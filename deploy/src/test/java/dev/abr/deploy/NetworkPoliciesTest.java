package dev.abr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.deploy.Manifests.Workload;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The NetworkPolicies of each overlay: ingress is denied unless a policy admits it, every port a
 * Service exposes is admitted, and the role pods may reach DNS, Kafka and their stores.
 */
class NetworkPoliciesTest {
  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void networkPolicies_selectPodsOfThisOverlay(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    List<String> problems = new ArrayList<>();
    for (NetworkPolicy policy : manifests.ofType(NetworkPolicy.class)) {
      if (!isEmpty(policy.getSpec().getPodSelector())
          && selected(manifests, policy.getSpec().getPodSelector()).isEmpty()) {
        problems.add(manifests.describe(policy) + ": spec.podSelector selects no pod");
      }
      List<NetworkPolicyPeer> peers = new ArrayList<>();
      Optional.ofNullable(policy.getSpec().getIngress())
          .ifPresent(
              rules ->
                  rules.forEach(
                      rule -> Optional.ofNullable(rule.getFrom()).ifPresent(peers::addAll)));
      Optional.ofNullable(policy.getSpec().getEgress())
          .ifPresent(
              rules ->
                  rules.forEach(
                      rule -> Optional.ofNullable(rule.getTo()).ifPresent(peers::addAll)));
      for (NetworkPolicyPeer peer : peers) {
        LabelSelector pods = peer.getPodSelector();
        // Peers in this namespace that we define (Strimzi's pods are made by its operator).
        if (peer.getNamespaceSelector() == null
            && pods != null
            && !operatorMade(pods)
            && selected(manifests, pods).isEmpty()) {
          problems.add(
              manifests.describe(policy)
                  + ": peer podSelector "
                  + pods.getMatchLabels()
                  + " selects no pod");
        }
      }
    }
    assertThat(problems).as("NetworkPolicies that select nothing").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void ingress_isDeniedByDefault(String overlay) {
    Manifests manifests = Manifests.render(overlay);

    assertThat(manifests.ofType(NetworkPolicy.class))
        .as("%s: a NetworkPolicy selecting every pod, of type Ingress, with no rule", overlay)
        .anySatisfy(
            policy -> {
              assertThat(isEmpty(policy.getSpec().getPodSelector())).isTrue();
              assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
              assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
            });
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void servicePorts_areAdmittedByAnIngressPolicy(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    List<String> problems = new ArrayList<>();
    for (Service service : manifests.ofType(Service.class)) {
      for (ServicePort port : service.getSpec().getPorts()) {
        for (Workload workload : ServicesTest.selected(manifests, service)) {
          Optional<ContainerPort> target = ServicesTest.containerPort(workload, port);
          if (target.isPresent() && !admits(manifests, workload.labels(), target.get())) {
            problems.add(
                manifests.describe(service)
                    + " port "
                    + port.getName()
                    + ": no NetworkPolicy admits "
                    + target.get().getContainerPort()
                    + "/"
                    + ServicesTest.protocol(port)
                    + " into "
                    + workload.describe());
          }
        }
      }
    }
    assertThat(problems).as("exposed ports that the default deny blocks").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void rolePods_mayReachDnsKafkaAndTheirStores(String overlay) {
    Manifests manifests = Manifests.render(overlay);
    List<String> problems = new ArrayList<>();
    for (RoleContainer role : manifests.roleContainers()) {
      Map<String, String> labels =
          role.deployment().getSpec().getTemplate().getMetadata().getLabels();
      List<String> needed = new ArrayList<>();
      needed.add("53/UDP DNS");
      RoleDeploymentsTest.option(role, "--kafka")
          .flatMap(role::value)
          .ifPresent(
              servers -> {
                for (String server : servers.split(",")) {
                  needed.add(
                      server.substring(server.lastIndexOf(':') + 1) + "/TCP Kafka " + server);
                }
              });
      for (String flag : List.of("--storage", "--output")) {
        RoleDeploymentsTest.option(role, flag)
            .flatMap(role::value)
            .flatMap(NetworkPoliciesTest::storagePort)
            .ifPresent(port -> needed.add(port + "/TCP store of " + flag));
      }
      for (String destination : needed) {
        int port = Integer.parseInt(destination.substring(0, destination.indexOf('/')));
        String protocol =
            destination.substring(destination.indexOf('/') + 1, destination.indexOf(' '));
        if (!allowsEgress(manifests, labels, port, protocol)) {
          problems.add(role.describe() + ": no NetworkPolicy lets it reach " + destination);
        }
      }
    }
    assertThat(problems).as("destinations the egress policies block").isEmpty();
  }

  /** The TCP port an S3 location is reached on; empty for a folder. */
  static Optional<Integer> storagePort(String location) {
    if (!location.startsWith("s3://")) {
      return Optional.empty();
    }
    URI uri = URI.create(location);
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("endpoint=")) {
        URI endpoint =
            URI.create(URLDecoder.decode(parameter.substring(9), StandardCharsets.UTF_8));
        if (endpoint.getPort() > 0) {
          return Optional.of(endpoint.getPort());
        }
        return Optional.of(endpoint.getScheme().equals("http") ? 80 : 443);
      }
    }
    return Optional.of(443);
  }

  private static boolean admits(
      Manifests manifests, Map<String, String> labels, ContainerPort target) {
    String protocol = target.getProtocol() == null ? "TCP" : target.getProtocol();
    for (NetworkPolicy policy : manifests.ofType(NetworkPolicy.class)) {
      if (!types(policy).contains("Ingress")
          || !Selectors.matches(policy.getSpec().getPodSelector(), labels)) {
        continue;
      }
      for (var rule : Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of())) {
        if (covers(rule.getPorts(), target.getContainerPort(), target.getName(), protocol)) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean allowsEgress(
      Manifests manifests, Map<String, String> labels, int port, String protocol) {
    boolean restricted = false;
    for (NetworkPolicy policy : manifests.ofType(NetworkPolicy.class)) {
      if (!types(policy).contains("Egress")
          || !Selectors.matches(policy.getSpec().getPodSelector(), labels)) {
        continue;
      }
      restricted = true;
      for (var rule : Optional.ofNullable(policy.getSpec().getEgress()).orElse(List.of())) {
        if (covers(rule.getPorts(), port, null, protocol)) {
          return true;
        }
      }
    }
    return !restricted;
  }

  private static boolean covers(
      List<NetworkPolicyPort> ports, int number, String name, String protocol) {
    if (ports == null || ports.isEmpty()) {
      return true;
    }
    for (NetworkPolicyPort port : ports) {
      String portProtocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
      IntOrString value = port.getPort();
      boolean samePort =
          value == null
              || (value.getIntVal() != null
                  ? value.getIntVal() == number
                  : value.getStrVal().equals(name));
      if (samePort && portProtocol.equals(protocol)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> types(NetworkPolicy policy) {
    List<String> types = policy.getSpec().getPolicyTypes();
    if (types != null && !types.isEmpty()) {
      return types;
    }
    return policy.getSpec().getEgress() == null ? List.of("Ingress") : List.of("Ingress", "Egress");
  }

  private static List<Workload> selected(Manifests manifests, LabelSelector selector) {
    return manifests.workloads().stream()
        .filter(workload -> Selectors.matches(selector, workload.labels()))
        .toList();
  }

  private static boolean isEmpty(LabelSelector selector) {
    return selector == null
        || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
            && (selector.getMatchExpressions() == null
                || selector.getMatchExpressions().isEmpty()));
  }

  private static boolean operatorMade(LabelSelector selector) {
    return selector.getMatchLabels() != null
        && selector.getMatchLabels().keySet().stream()
            .anyMatch(key -> key.startsWith("strimzi.io/"));
  }
}
