package dev.abr.deploy;

import dev.abr.core.testing.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The repository's {@code Dockerfile}, read statically (no Docker daemon here): its stages and
 * their instructions, with line continuations joined and comments dropped.
 *
 * @param stages the build stages in order; the last one is the image
 */
record Dockerfile(List<Stage> stages) {
  /** One instruction, e.g. {@code RUN} with everything after the keyword. */
  record Instruction(String keyword, String arguments) {}

  /** A stage: its {@code FROM} image, its {@code AS} name if any, and the instructions after it. */
  record Stage(String image, Optional<String> name, List<Instruction> instructions) {
    /** The arguments of every instruction with {@code keyword}, in order. */
    List<String> arguments(String keyword) {
      return instructions.stream()
          .filter(instruction -> instruction.keyword().equals(keyword))
          .map(Instruction::arguments)
          .toList();
    }
  }

  /** The repository root's Dockerfile. */
  static Dockerfile read() {
    try {
      return parse(Files.readString(ProjectFiles.resolve("Dockerfile")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses Dockerfile text. */
  static Dockerfile parse(String text) {
    List<String> logical = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (trimmed.startsWith("#")) {
        continue; // a comment inside a continued instruction
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
      } else {
        current.append(trimmed);
        logical.add(current.toString());
        current.setLength(0);
      }
    }
    List<Stage> stages = new ArrayList<>();
    String image = null;
    Optional<String> name = Optional.empty();
    List<Instruction> instructions = new ArrayList<>();
    for (String line : logical) {
      int space = line.indexOf(' ');
      String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
      String arguments = space < 0 ? "" : line.substring(space + 1).strip();
      if (keyword.equals("FROM")) {
        if (image != null) {
          stages.add(new Stage(image, name, List.copyOf(instructions)));
        }
        String[] words = arguments.split("\\s+");
        image = words[0];
        name =
            words.length == 3 && words[1].equalsIgnoreCase("AS")
                ? Optional.of(words[2])
                : Optional.empty();
        instructions.clear();
      } else if (image == null) {
        throw new IllegalArgumentException("Dockerfile: " + keyword + " before the first FROM");
      } else {
        instructions.add(new Instruction(keyword, arguments));
      }
    }
    if (image != null) {
      stages.add(new Stage(image, name, List.copyOf(instructions)));
    }
    return new Dockerfile(List.copyOf(stages));
  }

  /** The stage that becomes the image. */
  Stage runtime() {
    return stages.get(stages.size() - 1);
  }

  /** The user of the image: the last {@code USER} of the runtime stage, without a group. */
  Optional<String> runtimeUser() {
    List<String> users = runtime().arguments("USER");
    return users.isEmpty()
        ? Optional.empty()
        : Optional.of(users.get(users.size() - 1).split(":")[0]);
  }

  /** The launcher script the image's entrypoint runs, in this repository. */
  static Path launcher() {
    return ProjectFiles.resolve("deploy/docker/abr");
  }
}
