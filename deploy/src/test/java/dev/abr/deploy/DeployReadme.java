package dev.abr.deploy;

import dev.abr.core.testing.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code deploy/k8s/README.md} tells an operator to create by hand. */
final class DeployReadme {
  private static final Pattern CREATE_SECRET =
      Pattern.compile("create secret generic ([a-z0-9-]+)(.*)");
  private static final Pattern FROM_KEY =
      Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9_.-]+)");

  private DeployReadme() {}

  /**
   * The Secrets the README creates with {@code kubectl create secret generic NAME
   * --from-literal=KEY=… …}, by name, with their keys. Continued lines ({@code \}) are joined.
   */
  static Map<String, Set<String>> secrets() {
    String text;
    try {
      text = Files.readString(ProjectFiles.resolve("deploy/k8s/README.md"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String joined = text.replaceAll("\\\\\\r?\\n\\s*", " ");
    Map<String, Set<String>> secrets = new LinkedHashMap<>();
    Matcher command = CREATE_SECRET.matcher(joined);
    while (command.find()) {
      Set<String> keys = secrets.computeIfAbsent(command.group(1), name -> new LinkedHashSet<>());
      Matcher key = FROM_KEY.matcher(command.group(2));
      while (key.find()) {
        keys.add(key.group(1));
      }
    }
    return secrets;
  }
}
