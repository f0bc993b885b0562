package dev.abr.app;

import dev.abr.core.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** A few lines summarising a run's Micrometer meters. */
final class MetricsSummary {
  private MetricsSummary() {}

  static String of(MeterRegistry registry) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "  chunks: %d cut, %d transcoded; segments packaged: %d%n",
            (long) count(registry, MetricNames.INGEST_CHUNKS),
            (long) count(registry, MetricNames.TRANSCODE_CHUNKS),
            (long) count(registry, MetricNames.PACKAGE_SEGMENTS)));
    StringBuilder encode = new StringBuilder();
    List<Timer> timers = new ArrayList<>(registry.find(MetricNames.TRANSCODE_ENCODE).timers());
    timers.sort(
        Comparator.comparingDouble((Timer t) -> t.totalTime(TimeUnit.NANOSECONDS)).reversed());
    for (Timer timer : timers) {
      encode.append(
          String.format(
              Locale.ROOT,
              " %s %.2f s",
              timer.getId().getTag(MetricNames.TAG_RENDITION),
              timer.totalTime(TimeUnit.MILLISECONDS) / 1000.0));
    }
    if (encode.length() > 0) {
      text.append("  encoder time per rendition:").append(encode).append(System.lineSeparator());
    }
    Timer chunk = registry.find(MetricNames.TRANSCODE_CHUNK).timer();
    if (chunk != null && chunk.count() > 0) {
      text.append(
          String.format(
              Locale.ROOT,
              "  chunk transcode: mean %.2f s, max %.2f s%n",
              chunk.mean(TimeUnit.MILLISECONDS) / 1000.0,
              chunk.max(TimeUnit.MILLISECONDS) / 1000.0));
    }
    StringBuilder written = new StringBuilder();
    for (Counter counter : registry.find(MetricNames.STORAGE_BYTES_WRITTEN).counters()) {
      written.append(
          String.format(
              Locale.ROOT,
              " %s %.1f MB",
              counter.getId().getTag(MetricNames.TAG_STAGE),
              counter.count() / 1e6));
    }
    if (written.length() > 0) {
      text.append("  written:").append(written).append(System.lineSeparator());
    }
    double failures =
        registry.find(MetricNames.FAILURES).counters().stream().mapToDouble(Counter::count).sum();
    text.append(String.format(Locale.ROOT, "  failures: %d%n", (long) failures));
    return text.toString();
  }

  private static double count(MeterRegistry registry, String name) {
    return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }
}
