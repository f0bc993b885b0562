package dev.abr.core.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden-file assertions: {@code src/test/resources/golden/<area>/<case>.<ext>} of the module under
 * test. On a mismatch the failure shows a unified-style diff. Run with {@code -Dgolden.update=true}
 * to rewrite the files; review the diff like code.
 */
public final class GoldenFiles {
  private GoldenFiles() {}

  /**
   * Asserts that {@code actual} equals the golden file {@code relativePath} (under {@code
   * src/test/resources/golden/}), or rewrites it when {@code golden.update} is true.
   */
  public static void assertMatches(String actual, String relativePath) {
    Path file = Path.of("src", "test", "resources", "golden").resolve(relativePath);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        fail(
            "golden file "
                + file
                + " is missing; run the test with -Dgolden.update=true to create it");
      }
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      if (!expected.equals(actual)) {
        fail(
            "output differs from golden file "
                + file
                + " (rerun with -Dgolden.update=true if the change is intended):\n"
                + diff(expected, actual));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A line diff: {@code -} lines only in expected, {@code +} lines only in actual. */
  static String diff(String expected, String actual) {
    List<String> a = expected.lines().toList();
    List<String> b = actual.lines().toList();
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        out.add("  " + a.get(i));
        i++;
        j++;
      } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
        out.add("+ " + b.get(j++));
      } else {
        out.add("- " + a.get(i++));
      }
    }
    if (!expected.endsWith("\n") || !actual.endsWith("\n")) {
      out.add(
          "(trailing newline: expected "
              + expected.endsWith("\n")
              + ", actual "
              + actual.endsWith("\n")
              + ")");
    }
    return String.join("\n", out);
  }
}
