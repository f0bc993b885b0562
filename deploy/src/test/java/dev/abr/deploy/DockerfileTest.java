package dev.abr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.testing.ProjectFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile, checked statically: nothing here can run Docker, so these tests pin the shape the
 * manifests depend on (non-root user, read-only root, entrypoint) and the native libraries FFmpeg
 * loads. Building the image is checked by hand (deploy/k8s/README.md).
 */
class DockerfileTest {
  /** Ubuntu 24.04 (noble) names of what FFmpeg's bundled libraries and executables load. */
  private static final List<String> NATIVE_PACKAGES =
      List.of(
          "libpulse0", "libxcb1", "libxcb-shm0", "libx11-xcb1", "libasound2", "libsrt1.5-gnutls");

  private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9.+-]+");

  private final Dockerfile dockerfile = Dockerfile.read();

  @Test
  void dockerfile_hasABuildStageAndAJreRuntimeStage() {
    assertThat(dockerfile.stages()).as("stages of Dockerfile").hasSizeGreaterThanOrEqualTo(2);
    assertThat(dockerfile.stages().get(0).image())
        .as("image of the first stage")
        .matches("eclipse-temurin:(2[1-9]|[3-9][0-9])-jdk(-.+)?");
    assertThat(dockerfile.runtime().image())
        .as("image of the runtime stage")
        .matches("eclipse-temurin:(2[1-9]|[3-9][0-9])-jre(-.+)?");
  }

  @Test
  void buildStage_buildsTheAppModuleWithTheMavenWrapper() {
    String run = String.join(" ", dockerfile.stages().get(0).arguments("RUN"));

    assertThat(run).as("RUN of the build stage").contains("./mvnw").contains("-pl app -am package");
  }

  @Test
  void runtimeStage_copiesOnlyTheBuildOutput() {
    assertThat(dockerfile.runtime().arguments("COPY"))
        .as("COPY of the runtime stage")
        .isNotEmpty()
        .allMatch(copy -> copy.startsWith("--from="), "copies from the build stage");
  }

  @Test
  void runtimeStage_installsTheNativeLibrariesFfmpegLoads() {
    Set<String> installed =
        dockerfile.runtime().arguments("RUN").stream()
            .filter(run -> run.contains("apt-get install"))
            .flatMap(run -> Arrays.stream(run.split("\\s+")))
            .filter(word -> PACKAGE_NAME.matcher(word).matches())
            .collect(Collectors.toSet());

    for (String name : NATIVE_PACKAGES) {
      // Ubuntu 24.04 renamed libasound2 to libasound2t64 (the 64-bit time_t transition).
      assertThat(installed.contains(name) || installed.contains(name + "t64"))
          .as("the runtime stage installs %s; it installs %s", name, installed)
          .isTrue();
    }
  }

  @Test
  void runtimeStage_runsAsNumericNonRootUser() {
    assertThat(dockerfile.runtimeUser())
        .as("USER of the runtime stage (numeric, so Kubernetes can check runAsNonRoot)")
        .hasValueSatisfying(user -> assertThat(user).matches("[1-9][0-9]*"));
  }

  @Test
  void runtimeStage_entrypointIsTheLauncherInApp() {
    assertThat(dockerfile.runtime().arguments("WORKDIR")).as("WORKDIR").containsExactly("/app");
    assertThat(dockerfile.runtime().arguments("ENTRYPOINT"))
        .as("ENTRYPOINT (exec form, so args: [\"transcoder\"] become its arguments)")
        .containsExactly("[\"/app/bin/abr\"]");
  }

  @Test
  void buildStage_installsTheLauncherAsBinAbr() {
    String run = String.join(" ", dockerfile.stages().get(0).arguments("RUN"));

    assertThat(run).as("RUN of the build stage").contains("deploy/docker/abr").contains("/bin/abr");
  }

  @Test
  void launcher_isAnExecutableShellScript() throws IOException {
    assertThat(Files.isExecutable(Dockerfile.launcher()))
        .as("deploy/docker/abr is executable")
        .isTrue();
    assertThat(Files.readAllLines(Dockerfile.launcher()).get(0)).isEqualTo("#!/bin/sh");
  }

  @Test
  void launcher_putsTheJavacppCacheUnderTheTemporaryFolder() throws IOException {
    // The root filesystem is read-only; /tmp is an emptyDir in every pod.
    assertThat(Files.readString(Dockerfile.launcher()))
        .contains("-Dorg.bytedeco.javacpp.cachedir=\"$tmp_dir/javacpp\"")
        .contains("tmp_dir=${TMPDIR:-/tmp}");
  }

  @Test
  void dockerignore_leavesOutBuildOutputAndGit() throws IOException {
    List<String> ignored = Files.readAllLines(ProjectFiles.resolve(".dockerignore"));

    assertThat(ignored).as(".dockerignore").contains("**/target", ".git");
    assertThat(ignored)
        .as(".dockerignore keeps what the build needs")
        .doesNotContain("mvnw", ".mvn", "pom.xml", "deploy", "deploy/docker");
  }
}
