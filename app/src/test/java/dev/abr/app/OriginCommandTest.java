package dev.abr.app;

import static dev.abr.app.RoleCommandLines.environment;
import static dev.abr.app.RoleCommandLines.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.s3.FolderLocation;
import dev.abr.s3.StorageLocation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code abr origin}: defaults, flags, environment variables. */
class OriginCommandTest {
  private static final String OUTPUT = "s3://abr-out/vod?endpoint=http://minio:9000";

  @Test
  void config_onlyRequiredOptions_usesTheDefaults() {
    OriginConfig config =
        parse(OriginCommand.class, environment(), "origin", "--output", "/data/out").config();

    assertThat(config)
        .isEqualTo(
            new OriginConfig(
                new FolderLocation(Path.of("/data/out")), 8080, new OpsAddress("0.0.0.0", 8081)));
  }

  @Test
  void config_everyFlag_mapsToItsField() {
    OriginConfig config =
        parse(
                OriginCommand.class,
                environment(),
                "origin",
                "--output",
                OUTPUT,
                "--port",
                "80",
                "--http-port",
                "9090",
                "--http-host",
                "10.0.0.7")
            .config();

    assertThat(config).isEqualTo(expectedExplicit());
  }

  @Test
  void config_everyEnvironmentVariable_mapsToItsField() {
    OriginConfig config =
        parse(
                OriginCommand.class,
                environment(
                    "ABR_OUTPUT", OUTPUT,
                    "ABR_ORIGIN_PORT", "80",
                    "ABR_HTTP_PORT", "9090",
                    "ABR_HTTP_HOST", "10.0.0.7"),
                "origin")
            .config();

    assertThat(config).isEqualTo(expectedExplicit());
  }

  private static OriginConfig expectedExplicit() {
    return new OriginConfig(StorageLocation.parse(OUTPUT), 80, new OpsAddress("10.0.0.7", 9090));
  }
}
