package dev.abr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.app.RoleOption;
import dev.abr.deploy.Manifests.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every pod of each overlay (the roles and their helpers alike) runs non-root on a read-only root
 * filesystem with no privileges, and writes only to volumes.
 */
class PodSecurityTest {
  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void containers_runWithTheRestrictedSecurityContext(String overlay) {
    List<String> problems = new ArrayList<>();
    for (Workload workload : Manifests.render(overlay).workloads()) {
      PodSpec pod = workload.template().getSpec();
      for (Container container : containers(pod)) {
        String where = workload.describe() + " container " + container.getName();
        SecurityContext own = container.getSecurityContext();
        if (!Boolean.TRUE.equals(
            effective(
                pod, own, SecurityContext::getRunAsNonRoot, PodSecurityContext::getRunAsNonRoot))) {
          problems.add(where + ": runAsNonRoot is not true");
        }
        if (own == null || !Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
          problems.add(where + ": securityContext.allowPrivilegeEscalation is not false");
        }
        if (own == null || !Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
          problems.add(where + ": securityContext.readOnlyRootFilesystem is not true");
        }
        if (own == null
            || own.getCapabilities() == null
            || own.getCapabilities().getDrop() == null
            || !own.getCapabilities().getDrop().contains("ALL")) {
          problems.add(where + ": securityContext.capabilities.drop lacks ALL");
        }
        String seccomp =
            Optional.ofNullable(own)
                .map(SecurityContext::getSeccompProfile)
                .or(
                    () ->
                        Optional.ofNullable(pod.getSecurityContext())
                            .map(PodSecurityContext::getSeccompProfile))
                .map(profile -> profile.getType())
                .orElse("(none)");
        if (!seccomp.equals("RuntimeDefault")) {
          problems.add(where + ": seccompProfile is " + seccomp + ", not RuntimeDefault");
        }
      }
    }
    assertThat(problems).as("containers outside the restricted profile").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void containers_runAsTheImageUser(String overlay) {
    long imageUser = Long.parseLong(Dockerfile.read().runtimeUser().orElseThrow());
    List<String> problems = new ArrayList<>();
    for (Workload workload : Manifests.render(overlay).workloads()) {
      PodSpec pod = workload.template().getSpec();
      for (Container container : containers(pod)) {
        Long user =
            effective(
                pod,
                container.getSecurityContext(),
                SecurityContext::getRunAsUser,
                PodSecurityContext::getRunAsUser);
        if (user == null || user != imageUser) {
          problems.add(
              workload.describe()
                  + " container "
                  + container.getName()
                  + ": runAsUser "
                  + user
                  + ", the Dockerfile's USER is "
                  + imageUser);
        }
      }
    }
    assertThat(problems).as("containers not running as the image's user").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void readOnlyContainers_mountAVolumeAtTmp(String overlay) {
    List<String> problems = new ArrayList<>();
    for (Workload workload : Manifests.render(overlay).workloads()) {
      for (Container container : containers(workload.template().getSpec())) {
        if (mountFor(container, Path.of("/tmp")).isEmpty()) {
          problems.add(
              workload.describe()
                  + " container "
                  + container.getName()
                  + ": no volumeMount at /tmp");
        }
      }
    }
    assertThat(problems)
        .as("containers whose JVM temporary files and JavaCPP cache would hit the read-only root")
        .isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void roleTempDirs_areOnVolumes(String overlay) {
    List<String> problems = new ArrayList<>();
    for (RoleContainer role : Manifests.render(overlay).roleContainers()) {
      Optional<RoleOption> tempDir = RoleDeploymentsTest.option(role, "--temp-dir");
      Optional<String> value = tempDir.flatMap(role::value);
      if (value.isPresent() && mountFor(role.container(), Path.of(value.get())).isEmpty()) {
        problems.add(
            role.describe() + ": ABR_TEMP_DIR " + value.get() + " is not on a mounted volume");
      }
    }
    assertThat(problems).as("temporary folders on the read-only root").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void volumeMounts_nameVolumesOfTheirPod(String overlay) {
    List<String> problems = new ArrayList<>();
    for (Workload workload : Manifests.render(overlay).workloads()) {
      PodSpec pod = workload.template().getSpec();
      Set<String> volumes =
          (pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes())
              .stream().map(Volume::getName).collect(Collectors.toSet());
      for (Container container : containers(pod)) {
        for (VolumeMount mount : mounts(container)) {
          if (!volumes.contains(mount.getName())) {
            problems.add(
                workload.describe()
                    + " container "
                    + container.getName()
                    + ": volumeMounts "
                    + mount.getName()
                    + " names no volume of the pod");
          }
        }
      }
    }
    assertThat(problems).as("mounts of missing volumes").isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void pods_turnServiceLinksOff(String overlay) {
    List<String> problems = new ArrayList<>();
    for (Workload workload : Manifests.render(overlay).workloads()) {
      if (!Boolean.FALSE.equals(workload.template().getSpec().getEnableServiceLinks())) {
        // The Service abr-origin would give every pod ABR_ORIGIN_PORT=tcp://10.…:8080, which
        // abr origin reads as its port.
        problems.add(workload.describe() + ": spec.template.spec.enableServiceLinks is not false");
      }
    }
    assertThat(problems)
        .as("pods that get docker-link variables such as ABR_ORIGIN_PORT")
        .isEmpty();
  }

  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void pods_doNotMountServiceAccountTokens(String overlay) {
    List<String> problems = new ArrayList<>();
    for (Workload workload : Manifests.render(overlay).workloads()) {
      if (!Boolean.FALSE.equals(workload.template().getSpec().getAutomountServiceAccountToken())) {
        problems.add(workload.describe() + ": automountServiceAccountToken is not false");
      }
    }
    assertThat(problems).as("pods with an API token none of them uses").isEmpty();
  }

  private static <T> T effective(
      PodSpec pod,
      SecurityContext container,
      Function<SecurityContext, T> containerField,
      Function<PodSecurityContext, T> podField) {
    T own = container == null ? null : containerField.apply(container);
    if (own != null) {
      return own;
    }
    return pod.getSecurityContext() == null ? null : podField.apply(pod.getSecurityContext());
  }

  private static List<Container> containers(PodSpec pod) {
    List<Container> containers = new ArrayList<>();
    if (pod.getInitContainers() != null) {
      containers.addAll(pod.getInitContainers());
    }
    containers.addAll(pod.getContainers());
    return containers;
  }

  private static List<VolumeMount> mounts(Container container) {
    return container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
  }

  /** The writable mount that holds {@code path}, if any. */
  private static Optional<VolumeMount> mountFor(Container container, Path path) {
    return mounts(container).stream()
        .filter(mount -> !Boolean.TRUE.equals(mount.getReadOnly()))
        .filter(mount -> path.normalize().startsWith(Path.of(mount.getMountPath())))
        .findFirst();
  }
}
