package dev.abr.app.bench;

import dev.abr.core.json.Json;
import dev.abr.core.ladder.Ladder;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.plan.AudioPlan;
import dev.abr.core.plan.LadderPlanner;
import dev.abr.core.plan.VideoPlan;
import dev.abr.core.plan.VideoRendition;
import dev.abr.core.source.SourceInfo;
import dev.abr.core.source.SourceVideo;
import dev.abr.media.FfmpegTools;
import dev.abr.media.MediaSource;
import dev.abr.media.ProbeLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code abr bench}: our pipeline (the all-in-one {@code abr vod}, broker included, in its own JVM)
 * against the bundled ffmpeg command line producing the same ladder in one process, on the same
 * source and machine, alternating for N rounds; then quality per rung and per-segment bit rates.
 * Not part of the test suite.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the pipeline against the ffmpeg command line doing the same ladder (wall, CPU, RSS, quality, bit rates).",
      "Needs GNU time (Debian package: time). The default run takes about 10 minutes on 2 cores."
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "Alternating rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--duration",
      defaultValue = "60",
      description = "Length of the generated source in seconds (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(
      names = "--source",
      description =
          "Source file (default: samples/bench-1080p30-<duration>s.mp4, generated on first use).")
  Path source;

  @Option(
      names = "--ladder",
      defaultValue = "default",
      description = "Built-in ladder (default: ${DEFAULT-VALUE}).")
  String ladderName;

  @Option(
      names = "--segment-duration",
      defaultValue = "4",
      description = "Segment duration in seconds (default: ${DEFAULT-VALUE}).")
  int segmentSeconds;

  @Option(
      names = "--transcode-concurrency",
      defaultValue = "1",
      description = "Our chunks in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--x264-threads",
      defaultValue = "auto",
      description =
          "Our threads per rendition encoder: auto, x264 or N, as abr vod (default:"
              + " ${DEFAULT-VALUE}); the anchor always lets x264 choose.")
  String x264Threads;

  @Option(
      names = "--segments-per-chunk",
      defaultValue = "8",
      description = "Our segments per transcoded chunk (default: ${DEFAULT-VALUE}, as abr vod).")
  int segmentsPerChunk;

  @Option(
      names = "--anchor-scaling",
      defaultValue = "direct",
      description =
          "How the anchor scales its rungs: direct (every rung from the source, the default) or"
              + " cascaded (smaller rungs from a larger rung's picture, as abr does).")
  String anchorScaling;

  @Option(names = "--out", description = "Results folder (default: bench-results/<time>).")
  Path out;

  @Option(names = "--docs", description = "Also write the Markdown table to docs/benchmarks.md.")
  boolean writeDocs;

  @Option(names = "--skip-quality", description = "Skip PSNR/SSIM (saves a few minutes).")
  boolean skipQuality;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    CliAnchor.Scaling scaling;
    try {
      scaling = CliAnchor.Scaling.parse(anchorScaling);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Path src =
        source != null ? source : Path.of("samples", "bench-1080p30-" + durationSeconds + "s.mp4");
    if (!Files.exists(src)) {
      dev.abr.app.Samples.generate(src, durationSeconds, err);
    }
    Path results =
        out != null
            ? out
            : Path.of(
                "bench-results",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Files.createDirectories(results);
    Ladder ladder = LadderDocuments.builtIn(ladderName);
    SourceInfo info;
    try (MediaSource media = MediaSource.openFile(src, ProbeLimits.DEFAULT)) {
      info = media.info();
    }
    VideoPlan video =
        LadderPlanner.planVideo(
            info.video().orElseThrow(() -> new IllegalArgumentException(src + " has no video")),
            ladder);
    Optional<AudioPlan> audio = LadderPlanner.planAudio(info.audio(), ladder);
    double mediaSeconds = info.duration().ticks() / 90_000.0;
    SourceVideo sourceVideo = info.video().orElseThrow();
    boolean turned = sourceVideo.rotationDegrees() % 180 != 0;
    int pictureWidth = turned ? sourceVideo.height() : sourceVideo.width();
    int pictureHeight = turned ? sourceVideo.width() : sourceVideo.height();

    Path ffmpeg = FfmpegTools.ffmpeg();
    // The anchor runs as users run ffmpeg: without the allocator setting ./abr gives this JVM.
    Map<String, String> ffmpegEnv =
        Map.of("LD_LIBRARY_PATH", ffmpeg.getParent().toString(), "MALLOC_ARENA_MAX", "");
    List<String> javaCommand = javaCommand();
    warmUp(javaCommand, results, err);
    List<BenchReport.Round> roundResults = new ArrayList<>();
    List<Map<String, Double>> startups = new ArrayList<>();
    Path lastCli = null;
    Path lastOurs = null;
    for (int round = 1; round <= rounds; round++) {
      Path cliOut = results.resolve("cli-r" + round);
      Path oursOut = results.resolve("ours-r" + round);
      List<String> cli = new ArrayList<>(List.of(ffmpeg.toString()));
      cli.addAll(
          CliAnchor.arguments(
              src.toAbsolutePath(),
              video,
              audio,
              segmentSeconds,
              cliOut.toAbsolutePath(),
              scaling,
              pictureWidth,
              pictureHeight));
      List<String> ours = new ArrayList<>(javaCommand);
      ours.addAll(
          List.of(
              "vod",
              src.toAbsolutePath().toString(),
              "--out",
              oursOut.toAbsolutePath().toString(),
              "--work",
              results.resolve("work").toAbsolutePath().toString(),
              "--ladder",
              ladderName,
              "--segment-duration",
              Integer.toString(segmentSeconds),
              "--transcode-concurrency",
              Integer.toString(concurrency),
              "--segments-per-chunk",
              Integer.toString(segmentsPerChunk),
              "--x264-threads",
              x264Threads,
              "--timings"));
      ProcessMeasurement cliRun;
      ProcessMeasurement oursRun;
      // Alternate which side goes first, so slow drifts of the machine hit both alike.
      if (round % 2 == 1) {
        cliRun = measure("cli", round, cli, ffmpegEnv, cliOut, results, err);
        oursRun = measure("ours", round, ours, Map.of(), oursOut, results, err);
      } else {
        oursRun = measure("ours", round, ours, Map.of(), oursOut, results, err);
        cliRun = measure("cli", round, cli, ffmpegEnv, cliOut, results, err);
      }
      roundResults.add(new BenchReport.Round(round, cliRun, oursRun));
      startups.add(startup(results.resolve("ours-r" + round + ".log")));
      lastCli = cliOut;
      lastOurs = oursOut;
    }

    List<BenchReport.RungQuality> quality = new ArrayList<>();
    List<BenchReport.RungBitrates> bitrates = new ArrayList<>();
    List<VideoRendition> rungs = video.renditions();
    for (int i = 0; i < rungs.size(); i++) {
      VideoRendition rung = rungs.get(i);
      RenditionFiles cliFiles =
          RenditionFiles.read(lastCli.resolve(Integer.toString(i)).resolve("playlist.m3u8"));
      RenditionFiles ourFiles =
          RenditionFiles.read(lastOurs.resolve(rung.name()).resolve("playlist.m3u8"));
      int over =
          (int)
              ourFiles.segments().stream()
                  .filter(s -> s.bitsPerSecond() > 1.1 * rung.maxrateBitsPerSecond())
                  .count();
      bitrates.add(
          new BenchReport.RungBitrates(
              rung.name(),
              rung.bitrateBitsPerSecond(),
              rung.maxrateBitsPerSecond(),
              cliFiles.averageBitsPerSecond(),
              cliFiles.peakBitsPerSecond(),
              ourFiles.averageBitsPerSecond(),
              ourFiles.peakBitsPerSecond(),
              over));
      if (!skipQuality) {
        err.printf(Locale.ROOT, "bench: quality of %s...%n", rung.name());
        err.flush();
        QualityProbe.Quality cliQuality =
            QualityProbe.measure(
                cliFiles.concatenate(results.resolve("cli-" + rung.name() + ".mp4")),
                src,
                rung.width(),
                rung.height());
        QualityProbe.Quality ourQuality =
            QualityProbe.measure(
                ourFiles.concatenate(results.resolve("ours-" + rung.name() + ".mp4")),
                src,
                rung.width(),
                rung.height());
        quality.add(
            new BenchReport.RungQuality(
                rung.name(), rung.width(), rung.height(), cliQuality, ourQuality));
      }
    }
    BenchReport report =
        new BenchReport(
            src.getFileName().toString(),
            mediaSeconds,
            machine(),
            scaling.name().toLowerCase(Locale.ROOT),
            roundResults,
            startups,
            quality,
            bitrates);
    Files.writeString(results.resolve("report.json"), Json.writePretty(report));
    String markdown =
        BenchMarkdown.render(
            report,
            ladderName,
            segmentSeconds,
            concurrency,
            segmentsPerChunk,
            x264Threads,
            javaOptions());
    Files.writeString(results.resolve("report.md"), markdown);
    if (writeDocs) {
      Files.writeString(Path.of("docs", "benchmarks.md"), markdown);
    }
    spec.commandLine().getOut().print(markdown);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static ProcessMeasurement measure(
      String side,
      int round,
      List<String> command,
      Map<String, String> env,
      Path output,
      Path results,
      PrintWriter err)
      throws IOException, InterruptedException {
    deleteRecursively(output);
    String load = Files.readString(Path.of("/proc/loadavg")).trim();
    ProcessMeasurement m =
        MeteredProcess.run(command, env, results.resolve(side + "-r" + round + ".log"));
    err.printf(
        Locale.ROOT,
        "bench: round %d %-4s %s (load before: %s)%n",
        round,
        side,
        MeteredProcess.describe(m),
        load);
    err.flush();
    if (m.exitCode() != 0) {
      throw new IllegalStateException(
          side
              + " failed in round "
              + round
              + "; see "
              + results.resolve(side + "-r" + round + ".log"));
    }
    return m;
  }

  private static final Pattern TIMINGS =
      Pattern.compile(
          "broker ready ([0-9.]+), topics ([0-9.]+), roles started ([0-9.]+), first chunk consumed ([0-9.]+)");

  private static Map<String, Double> startup(Path log) throws IOException {
    Map<String, Double> values = new LinkedHashMap<>();
    Matcher m = TIMINGS.matcher(Files.readString(log, StandardCharsets.UTF_8));
    if (m.find()) {
      values.put("brokerReady", Double.parseDouble(m.group(1)));
      values.put("topicsReady", Double.parseDouble(m.group(2)));
      values.put("rolesStarted", Double.parseDouble(m.group(3)));
      values.put("firstChunkConsumed", Double.parseDouble(m.group(4)));
    }
    return values;
  }

  /** JVM options for our side from {@code ABR_JAVA_OPTS}, as {@code ./abr} takes them. */
  private static List<String> javaOptions() {
    String options = System.getenv().getOrDefault("ABR_JAVA_OPTS", "").strip();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }

  /**
   * The command that runs our CLI: the {@code ./abr} launcher itself when this process came from it
   * ({@code abr.home}), so our side runs with exactly the JVM flags users get (and {@code
   * ABR_JAVA_OPTS}); else a fresh JVM with this one's class path.
   */
  private static List<String> javaCommand() {
    String home = System.getProperty("abr.home");
    if (home != null && Files.isExecutable(Path.of(home, "abr"))) {
      return List.of(Path.of(home, "abr").toAbsolutePath().toString());
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
    command.addAll(javaOptions());
    if (Runtime.version().feature() >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.abr.app.Main"));
    return command;
  }

  /**
   * One untimed {@code abr vod} of a 2 s clip before the rounds, as a user's earlier runs would
   * have done: the launcher's class-data-sharing archive for {@code vod} exists afterwards, and the
   * first round does not pay for writing it.
   */
  private static void warmUp(List<String> javaCommand, Path results, PrintWriter err)
      throws IOException, InterruptedException {
    Path clip = results.resolve("warm-up.mp4");
    if (!Files.exists(clip)) {
      dev.abr.app.Samples.generate(clip, 2, err);
    }
    Path output = results.resolve("warm-up");
    deleteRecursively(output);
    List<String> command = new ArrayList<>(javaCommand);
    command.addAll(
        List.of(
            "vod",
            clip.toAbsolutePath().toString(),
            "--out",
            output.toAbsolutePath().toString(),
            "--work",
            results.resolve("work").toAbsolutePath().toString(),
            "--ladder",
            "small"));
    // Twice: after a build, the launcher's first run of a command records the classes it loads
    // and the second builds the JVM's start-up cache from that record (decision 019); the timed
    // runs then start as every later run does.
    for (int run = 1; run <= 2; run++) {
      Path log = results.resolve("warm-up-" + run + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("the warm-up run of abr failed; see " + log);
      }
      deleteRecursively(output);
    }
    err.println("bench: warm-up runs done");
    err.flush();
  }

  private static String machine() throws IOException {
    String model =
        Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
            .filter(l -> l.startsWith("model name"))
            .map(l -> l.substring(l.indexOf(':') + 1).trim())
            .findFirst()
            .orElse("unknown CPU");
    return model
        + ", "
        + Runtime.getRuntime().availableProcessors()
        + " cores, Java "
        + Runtime.version();
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (var walk = Files.walk(folder)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
