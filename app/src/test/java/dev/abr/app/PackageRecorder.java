package dev.abr.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Records every version of some package files while a live stream runs: a scheduler reads them
 * every 50 ms and keeps each distinct text with the time it was seen. Tests judge the recorded
 * versions afterwards (what players would have fetched), instead of sampling at chosen moments.
 */
final class PackageRecorder implements AutoCloseable {
  /** A version of a file and when it was first seen. */
  record Version(String file, Instant seen, String text) {}

  private final Path root;
  private final List<String> files;
  private final List<Version> versions = new ArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  private PackageRecorder(Path root, List<String> files) {
    this.root = root;
    this.files = files;
  }

  /** Starts recording {@code files} (relative to {@code root}). */
  static PackageRecorder start(Path root, List<String> files) {
    PackageRecorder recorder = new PackageRecorder(root, files);
    recorder.scheduler.scheduleWithFixedDelay(recorder::look, 0, 50, TimeUnit.MILLISECONDS);
    return recorder;
  }

  private void look() {
    for (String file : files) {
      Path path = root.resolve(file);
      String text;
      try {
        text = Files.exists(path) ? Files.readString(path) : null;
      } catch (IOException e) {
        continue; // replaced while read: the next look sees it
      }
      if (text == null) {
        continue;
      }
      synchronized (versions) {
        String last = null;
        for (int i = versions.size() - 1; i >= 0; i--) {
          if (versions.get(i).file().equals(file)) {
            last = versions.get(i).text();
            break;
          }
        }
        if (!text.equals(last)) {
          versions.add(new Version(file, Instant.now(), text));
        }
      }
    }
  }

  /** The versions of {@code file} seen so far, oldest first. */
  List<Version> versions(String file) {
    synchronized (versions) {
      return versions.stream().filter(v -> v.file().equals(file)).toList();
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
