package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.abr.deploy.Manifests;
import dev.abr.deploy.RoleContainer;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import picocli.CommandLine;

/**
 * Each role Deployment of each overlay passes its own command's validation: the arguments and the
 * environment the pod gets (literals and ConfigMap values; Secrets as placeholders) are parsed by
 * the command line and the command's {@code config()}, as the process does at start before it
 * connects to anything. In this package because {@code config()} is package-private.
 */
class ManifestConfigurationTest {
  @ParameterizedTest
  @FieldSource("dev.abr.deploy.Manifests#OVERLAYS")
  void roleDeployments_passTheirCommandsValidation(String overlay) {
    for (RoleContainer role : Manifests.render(overlay).roleContainers()) {
      Map<String, String> environment = new HashMap<>();
      // Kubernetes sets HOSTNAME to the pod name, which the client id defaults to.
      environment.put("HOSTNAME", role.deployment().getMetadata().getName() + "-7d9f8c6b5-x2x4q");
      for (EnvVar variable : role.env()) {
        // Values from Secrets are unknown here: stand in with values of the right form.
        String fromSecret =
            variable.getName().equals("ABR_STREAM_SECRET")
                ? java.util.Base64.getEncoder().encodeToString(new byte[32])
                : "from-a-secret";
        environment.put(variable.getName(), role.environmentValue(variable).orElse(fromSecret));
      }
      List<String> args = new ArrayList<>(role.container().getArgs());
      CommandLine commandLine = AbrCommand.commandLine(environment);

      assertThatCode(
              () -> {
                commandLine.parseArgs(args.toArray(String[]::new));
                Object command = commandLine.getSubcommands().get(args.get(0)).getCommand();
                switch (command) {
                  case IngestCommand ingest -> ingest.config();
                  case TranscoderCommand transcoder -> transcoder.config();
                  case PackagerCommand packager -> packager.config();
                  case OriginCommand origin -> origin.config();
                  default -> throw new AssertionError("not a role command: " + args.get(0));
                }
              })
          .as("%s: abr %s with the pod's environment", role.describe(), String.join(" ", args))
          .doesNotThrowAnyException();
    }
  }
}
