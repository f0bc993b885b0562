package dev.abr.app.bench;

import java.util.List;
import java.util.Map;

/**
 * The benchmark's results, written as JSON and Markdown.
 *
 * @param source the source file name
 * @param mediaSeconds source duration
 * @param machine a line about the machine (CPU, cores, load)
 * @param anchorScaling how the anchor scales its rungs: {@code direct} (every rung from the source)
 *     or {@code cascaded} (as the pipeline does)
 * @param rounds one entry per round: the anchor's run and ours
 * @param startupSeconds per round, our start-up milestones (seconds from JVM start)
 * @param quality per rung, PSNR/SSIM of both sides
 * @param bitrates per rung, segment bit rates of both sides against the rung's settings
 */
record BenchReport(
    String source,
    double mediaSeconds,
    String machine,
    String anchorScaling,
    List<Round> rounds,
    List<Map<String, Double>> startupSeconds,
    List<RungQuality> quality,
    List<RungBitrates> bitrates) {

  /** One round: the two runs and their ratios. */
  record Round(int round, ProcessMeasurement cli, ProcessMeasurement ours) {
    double wallRatio() {
      return ours.wallSeconds() / cli.wallSeconds();
    }

    double cpuRatio() {
      return ours.cpuSeconds() / cli.cpuSeconds();
    }

    double rssRatio() {
      return (double) ours.maxRssKibibytes() / cli.maxRssKibibytes();
    }
  }

  /** Quality of one rung on both sides. */
  record RungQuality(
      String rung, int width, int height, QualityProbe.Quality cli, QualityProbe.Quality ours) {}

  /** Segment bit rates of one rung on both sides. */
  record RungBitrates(
      String rung,
      long targetBitsPerSecond,
      long maxrateBitsPerSecond,
      double cliAverage,
      double cliPeak,
      double oursAverage,
      double oursPeak,
      int oursSegmentsOverMaxrate10Percent) {}
}
