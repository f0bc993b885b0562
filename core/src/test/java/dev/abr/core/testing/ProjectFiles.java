package dev.abr.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the repository outside the module under test, such as {@code samples/} and {@code
 * schemas/}.
 */
public final class ProjectFiles {
  private ProjectFiles() {}

  /**
   * The repository root: the {@code abr.project.root} system property the build sets, or the
   * nearest folder above the working directory holding {@code mvnw}.
   */
  public static Path root() {
    String property = System.getProperty("abr.project.root");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
      if (Files.exists(folder.resolve("mvnw")) && Files.isDirectory(folder.resolve("schemas"))) {
        return folder;
      }
    }
    throw new IllegalStateException("cannot find the repository root; set -Dabr.project.root");
  }

  /** {@code relative} resolved against the repository root. */
  public static Path resolve(String relative) {
    return root().resolve(relative);
  }
}
