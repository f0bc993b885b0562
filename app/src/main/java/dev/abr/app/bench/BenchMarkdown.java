package dev.abr.app.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Renders a {@link BenchReport} as Markdown tables. */
final class BenchMarkdown {
  private BenchMarkdown() {}

  static String render(
      BenchReport report,
      String ladder,
      int segmentSeconds,
      int concurrency,
      int segmentsPerChunk,
      String x264Threads,
      java.util.List<String> javaOptions) {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark: abr against the ffmpeg command line\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Source `%s` (%.1f s), ladder `%s`, %d s segments, %d segments per chunk, transcode concurrency %d,"
                + " x264 threads `%s`, %d alternating rounds%s.  %n",
            report.source(),
            report.mediaSeconds(),
            ladder,
            segmentSeconds,
            segmentsPerChunk,
            concurrency,
            x264Threads,
            report.rounds().size(),
            javaOptions.isEmpty() ? "" : ", JVM options `" + String.join(" ", javaOptions) + "`"));
    md.append("Machine: ").append(report.machine()).append(".  \n");
    md.append(
            "The anchor is the bundled ffmpeg doing the same ladder in one process (decode once, split, bicubic scale ")
        .append(
            report.anchorScaling().equals("direct")
                ? "of every rung from the source, "
                : "of the smaller rungs from a larger rung's picture as abr does, ")
        .append(
            "libx264 per rung with the same preset/profile/level/bit rate/VBV/GOP and x264's own thread count, AAC once, HLS fMP4). ")
        .append(
            "abr is `abr vod` started by the `./abr` launcher (C1 only, an AOT cache on JDK 25+ or class-data sharing before, glibc with 2 malloc arenas) with the")
        .append(
            " embedded Kafka broker, measured as a whole (GNU time), after two untimed warm-up runs of a 2 s clip.")
        .append(
            " abr scales a rung from a larger rung's picture where that picture is itself scaled from the source and at least 1.5 times the rung's size (decision 022).\n\n");

    List<BenchReport.Round> rounds = report.rounds();
    md.append("## Speed and resources\n\n");
    md.append(
        "| measure | ffmpeg CLI: median (min–max) | abr: median (min–max) | abr / CLI per round: median (min–max) |\n");
    md.append("|---|---|---|---|\n");
    row(
        md,
        "wall time (s)",
        rounds,
        r -> r.cli().wallSeconds(),
        r -> r.ours().wallSeconds(),
        "%.1f");
    row(
        md,
        "CPU time, user+sys (s)",
        rounds,
        r -> r.cli().cpuSeconds(),
        r -> r.ours().cpuSeconds(),
        "%.1f");
    row(
        md,
        "peak RSS (MiB)",
        rounds,
        r -> r.cli().maxRssKibibytes() / 1024.0,
        r -> r.ours().maxRssKibibytes() / 1024.0,
        "%.0f");
    row(
        md,
        "speed (media s per wall s)",
        rounds,
        r -> report.mediaSeconds() / r.cli().wallSeconds(),
        r -> report.mediaSeconds() / r.ours().wallSeconds(),
        "%.2f");
    md.append('\n');

    if (!report.startupSeconds().isEmpty() && !report.startupSeconds().get(0).isEmpty()) {
      double[] first =
          report.startupSeconds().stream()
              .mapToDouble(m -> m.getOrDefault("firstChunkConsumed", Double.NaN))
              .toArray();
      double[] broker =
          report.startupSeconds().stream()
              .mapToDouble(m -> m.getOrDefault("brokerReady", Double.NaN))
              .toArray();
      double[] roles =
          report.startupSeconds().stream()
              .mapToDouble(m -> m.getOrDefault("rolesStarted", Double.NaN))
              .toArray();
      md.append(
          String.format(
              Locale.ROOT,
              "Start-up of abr (seconds from JVM start, median): broker ready %.2f, roles started %.2f, first chunk job consumed %.2f.%n%n",
              median(broker),
              median(roles),
              median(first)));
    }

    if (!report.quality().isEmpty()) {
      md.append("## Quality per rung (against the source scaled to the rung, bicubic)\n\n");
      md.append(
          "| rung | size | PSNR-Y CLI (dB) | PSNR-Y abr (dB) | Δ (dB) | SSIM-Y CLI | SSIM-Y abr |\n");
      md.append("|---|---|---|---|---|---|---|\n");
      for (BenchReport.RungQuality q : report.quality()) {
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %dx%d | %.2f | %.2f | %+.2f | %.4f | %.4f |%n",
                q.rung(),
                q.width(),
                q.height(),
                q.cli().psnrY(),
                q.ours().psnrY(),
                q.ours().psnrY() - q.cli().psnrY(),
                q.cli().ssimY(),
                q.ours().ssimY()));
      }
      md.append('\n');
    }

    md.append("## Bit rates per rung (Mbit/s; peak = largest single segment)\n\n");
    md.append(
        "| rung | target | maxrate | CLI average | abr average | CLI peak | abr peak | abr peak / maxrate | abr segments over 1.1 × maxrate |\n");
    md.append("|---|---|---|---|---|---|---|---|---|\n");
    for (BenchReport.RungBitrates b : report.bitrates()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d |%n",
              b.rung(),
              b.targetBitsPerSecond() / 1e6,
              b.maxrateBitsPerSecond() / 1e6,
              b.cliAverage() / 1e6,
              b.oursAverage() / 1e6,
              b.cliPeak() / 1e6,
              b.oursPeak() / 1e6,
              b.oursPeak() / b.maxrateBitsPerSecond(),
              b.oursSegmentsOverMaxrate10Percent()));
    }
    md.append('\n');
    return md.toString();
  }

  private static void row(
      StringBuilder md,
      String name,
      List<BenchReport.Round> rounds,
      ToDoubleFunction<BenchReport.Round> cli,
      ToDoubleFunction<BenchReport.Round> ours,
      String format) {
    double[] c = rounds.stream().mapToDouble(cli).toArray();
    double[] o = rounds.stream().mapToDouble(ours).toArray();
    double[] ratio = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      ratio[i] = o[i] / c[i];
    }
    md.append("| ")
        .append(name)
        .append(" | ")
        .append(spread(c, format))
        .append(" | ")
        .append(spread(o, format))
        .append(" | ")
        .append(spread(ratio, "%.3f"))
        .append(" |\n");
  }

  private static String spread(double[] values, String format) {
    return String.format(
        Locale.ROOT,
        format + " (" + format + "–" + format + ")",
        median(values),
        Arrays.stream(values).min().orElse(Double.NaN),
        Arrays.stream(values).max().orElse(Double.NaN));
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
