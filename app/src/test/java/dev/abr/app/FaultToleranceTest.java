package dev.abr.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.core.error.ErrorCode;
import dev.abr.core.kafka.RetryPolicy;
import dev.abr.core.kafka.TopicTail;
import dev.abr.core.message.JobEvent;
import dev.abr.core.message.JobEventType;
import dev.abr.core.message.Topics;
import dev.abr.core.message.TranscodeDeadLettered;
import dev.abr.core.storage.StorageLayout;
import dev.abr.core.time.Rational;
import dev.abr.s3.S3TestServer;
import dev.abr.testkit.kafka.Awaits;
import dev.abr.testkit.media.MediaSpec;
import dev.abr.testkit.media.TestMedia;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults against the pipeline running as real processes ({@link FaultCluster}: a broker JVM, an S3
 * server, {@code abr ingest}, two {@code abr transcoder}s and {@code abr packager}), each on a
 * fresh VOD job of 22 chunks of one segment: a transcoder killed in the middle of a chunk, a
 * transcoder paused past the session timeout and resumed after another took its chunk over, the
 * packager killed and replaced, the broker stopped and started again, and a chunk that cannot be
 * decoded. After each, the job completes (or, for the poison chunk, fails with its reason while
 * another job completes) with every segment present once, whole, and the same segment boundaries as
 * a fault-free run. Each test prints what it measured: time from the fault to recovery and the work
 * redone.
 */
class FaultToleranceTest {
  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(240);
  private static final MediaSpec SOURCE = MediaSpec.h264Aac(320, 180, Rational.of(25), 44);

  /** The audio rendition's name: ingest writes its fragments, transcoders never do. */
  private static final String AUDIO = "audio";

  @RegisterExtension static final S3TestServer S3 = new S3TestServer();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path folder;

  static Path source;
  static FaultCluster cluster;
  static long chunks;
  static JobPackage faultFree;

  @BeforeAll
  static void startClusterAndRunAFaultFreeJob() throws IOException {
    source = TestMedia.generate(SOURCE);
    cluster = FaultCluster.start(folder, S3);
    long startNanos = System.nanoTime();
    String job = cluster.submit(source);
    JobEvent end = cluster.watch.awaitEnd(job, JOB_TIMEOUT);
    assertThat(end.type()).as(cluster.logs()).isEqualTo(JobEventType.COMPLETED);
    chunks = end.total().orElseThrow();
    faultFree = JobPackage.read(cluster.output, job);
    faultFree.assertComplete(chunks);
    report(
        "fault-free run",
        "job of %d chunks in %d ms; chunks received %d times",
        chunks,
        millisSince(startNanos),
        cluster.chunksReceived(FaultCluster.streamOf(job)).size());
    assertThat(chunks).isGreaterThanOrEqualTo(20);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void everyRoleRuns() {
    cluster.ensureRunning();
  }

  @Test
  void kill9_transcoderWhileEncodingAChunk_jobCompletesWithEverySegmentOnce() {
    String job = cluster.submit(source);
    String stream = FaultCluster.streamOf(job);
    Frozen victim = freezeInTheMiddleOfAChunk(stream, 6, Phase.ENCODING);
    Instant killed = Instant.now();
    victim.process().kill();
    assertWorkFragmentsWhole(stream); // what the killed process left is whole or absent

    JobEvent end = cluster.watch.awaitEnd(job, JOB_TIMEOUT);

    assertThat(end.type()).as(cluster.logs()).isEqualTo(JobEventType.COMPLETED);
    JobEvent redone =
        cluster.watch.await(
            job,
            "chunk " + victim.chunk() + " transcoded again",
            Duration.ofSeconds(5),
            e ->
                e.type() == JobEventType.FRAGMENT_TRANSCODED
                    && e.sequence().orElse(-1L) == victim.chunk()
                    && e.at().isAfter(killed));
    JobPackage output = JobPackage.read(cluster.output, job);
    output.assertComplete(chunks);
    output.assertSameStructureAs(faultFree);
    assertWorkFragmentsWhole(stream);
    report(
        "transcoder kill -9 while encoding",
        "killed %s in chunk %d before it wrote a fragment; the chunk was transcoded again %d ms"
            + " after the kill; job completed %d ms after it; chunks redone %d",
        victim.process(),
        victim.chunk(),
        Duration.between(killed, redone.at()).toMillis(),
        Duration.between(killed, end.at()).toMillis(),
        redoneCount(cluster.chunksReceived(stream)));
  }

  @Test
  void sigstop_transcoderPastTheSessionTimeout_itsLateWritesReplaceNothing() {
    String job = cluster.submit(source);
    String stream = FaultCluster.streamOf(job);
    Frozen zombie = freezeInTheMiddleOfAChunk(stream, 6, Phase.ANY);
    AbrProcess other =
        cluster.transcoders().stream().filter(t -> t != zombie.process()).findFirst().orElseThrow();
    String chunk = "chunk " + zombie.chunk() + " of stream " + stream;
    other.awaitLog(chunk + " received", Duration.ofSeconds(60));
    Instant takenOver = Instant.now();
    other.awaitLog(chunk + " transcoded", Duration.ofSeconds(60));
    Instant redone = Instant.now();
    Map<String, String> before = fingerprints(stream, zombie.chunk(), true);
    int logBefore = zombie.process().err().length();

    zombie.process().signal("CONT");
    String[] outcome = new String[1];
    Awaits.until(
        "the resumed transcoder finishes with " + chunk,
        Duration.ofSeconds(60),
        () -> {
          String log = zombie.process().err().substring(logBefore);
          if (log.contains(chunk + ": partition lost while transcoding")) {
            outcome[0] = "abandoned it before writing (partition lost)";
          } else if (log.contains(chunk + " transcoded")) {
            outcome[0] =
                log.contains("exists with")
                    ? "kept the new owner's fragments (first writer wins) and published them again"
                    : "wrote fragments (unexpected)";
          }
          return outcome[0] != null;
        });
    Map<String, String> after = fingerprints(stream, zombie.chunk(), true);
    JobEvent end = cluster.watch.awaitEnd(job, JOB_TIMEOUT);

    assertThat(before)
        .as("video fragments and init segments of %s", chunk)
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(after).as("work objects of %s (sha-256 and ETag)", chunk).isEqualTo(before);
    assertThat(outcome[0]).doesNotContain("unexpected");
    assertThat(end.type()).as(cluster.logs()).isEqualTo(JobEventType.COMPLETED);
    JobPackage output = JobPackage.read(cluster.output, job);
    output.assertComplete(chunks);
    output.assertSameStructureAs(faultFree);
    report(
        "transcoder SIGSTOP past the session timeout",
        "paused %s in chunk %d; %s took the chunk over %d ms after the pause and finished it %d ms"
            + " after; resumed, the paused one %s; %d objects unchanged; job completed %d ms after"
            + " the pause; chunks redone %d",
        zombie.process(),
        zombie.chunk(),
        other,
        Duration.between(zombie.at(), takenOver).toMillis(),
        Duration.between(zombie.at(), redone).toMillis(),
        outcome[0],
        after.size(),
        Duration.between(zombie.at(), end.at()).toMillis(),
        redoneCount(cluster.chunksReceived(stream)));
  }

  @Test
  void kill9_packagerMidJob_replacementContinuesWithoutSkippingOrRepeatingASegment() {
    String job = cluster.submit(source);
    String stream = FaultCluster.streamOf(job);
    AbrProcess packager = cluster.packager();
    packager.awaitLog("stream " + stream + ": segment 6 published", JOB_TIMEOUT);
    Instant fault = Instant.now();
    packager.kill();
    JobPackage beforeTheReplacement = JobPackage.read(cluster.output, job);
    for (String key : beforeTheReplacement.keys()) {
      // What the killed packager left is whole: no half-written segment is ever visible.
      assertThat(beforeTheReplacement.boxTypes(key))
          .as(key)
          .contains(key.endsWith(".m4s") ? "mdat" : "moov");
    }
    AbrProcess replacement = cluster.startPackager();

    JobEvent end = cluster.watch.awaitEnd(job, JOB_TIMEOUT);

    assertThat(end.type()).as(cluster.logs()).isEqualTo(JobEventType.COMPLETED);
    JobEvent next =
        cluster.watch.await(
            job,
            "a segment published after the kill",
            Duration.ofSeconds(5),
            e -> e.type() == JobEventType.SEGMENT_PACKAGED && e.at().isAfter(fault));
    assertThat(replacement.err()).contains("stream " + stream + ": state version");
    List<Long> published = cluster.segmentsPublished(stream);
    assertThat(new TreeSet<>(published)).hasSize((int) chunks);
    JobPackage output = JobPackage.read(cluster.output, job);
    output.assertComplete(chunks);
    output.assertSameStructureAs(faultFree);
    for (String key : beforeTheReplacement.keys()) {
      // Segments published again by the replacement are rewritten with the same bytes.
      assertThat(output.bytes(key)).as(key).isEqualTo(beforeTheReplacement.bytes(key));
    }
    report(
        "packager kill -9",
        "killed after segment 6; first segment from the replacement %d ms after the kill (segment"
            + " %d), job completed %d ms after it; segments published again %d (%s)",
        Duration.between(fault, next.at()).toMillis(),
        next.sequence().orElse(-1L),
        Duration.between(fault, end.at()).toMillis(),
        published.size() - chunks,
        repeated(published));
  }

  @Test
  void restart_brokerMidJob_jobCompletesAfterItReturns() {
    String job = cluster.submit(source);
    String stream = FaultCluster.streamOf(job);
    cluster.watch.await(
        job,
        "segment 4 packaged",
        JOB_TIMEOUT,
        e -> e.type() == JobEventType.SEGMENT_PACKAGED && e.sequence().orElse(-1L) >= 4);
    List<AbrProcess> roles =
        List.of(cluster.ingest(), cluster.transcoder(0), cluster.transcoder(1), cluster.packager());
    List<Integer> logOffsets = roles.stream().map(r -> r.err().length()).toList();
    Instant stopped = Instant.now();
    cluster.broker.stop(Duration.ofSeconds(60));
    long stopMillis = Duration.between(stopped, Instant.now()).toMillis();
    // The outage lasts until every role's Kafka clients have found the broker gone.
    Awaits.until(
        "every role notices the broker is gone",
        Duration.ofSeconds(60),
        () -> {
          for (int i = 0; i < roles.size(); i++) {
            if (!roles
                .get(i)
                .err()
                .substring(logOffsets.get(i))
                .contains("could not be established")) {
              return false;
            }
          }
          return true;
        });
    Instant restarting = Instant.now();
    cluster.broker.start(FaultCluster.START);
    Instant back = Instant.now();

    JobEvent end = cluster.watch.awaitEnd(job, JOB_TIMEOUT);

    assertThat(end.type()).as(cluster.logs()).isEqualTo(JobEventType.COMPLETED);
    JobEvent resumed =
        cluster.watch.await(
            job,
            "progress after the restart",
            Duration.ofSeconds(5),
            e -> e.at().isAfter(restarting));
    JobPackage output = JobPackage.read(cluster.output, job);
    output.assertComplete(chunks);
    output.assertSameStructureAs(faultFree);
    List<Long> published = cluster.segmentsPublished(stream);
    report(
        "broker stop and restart",
        "broker stopped in %d ms, down %d ms, back in %d ms; first job event %d ms after it was"
            + " back (%s); job completed %d ms after it was back; chunks redone %d; segments"
            + " published again %d",
        stopMillis,
        Duration.between(stopped, back).toMillis(),
        Duration.between(restarting, back).toMillis(),
        Duration.between(back, resumed.at()).toMillis(),
        resumed.type(),
        Duration.between(back, end.at()).toMillis(),
        redoneCount(cluster.chunksReceived(stream)),
        published.size() - chunks);
  }

  @Test
  void poisonChunks_areDeadLetteredAndFailTheirJobWhileAnotherJobOnTheirPartitionsCompletes() {
    for (AbrProcess transcoder : cluster.transcoders()) {
      transcoder.terminate();
      assertThat(transcoder.awaitExit(Duration.ofSeconds(60)))
          .isIn(ExitCodes.OK, WorkerProcess.EXIT_UNDRAINED);
    }
    String poisoned = cluster.submit(source);
    cluster.watch.await(
        poisoned, "chunked", JOB_TIMEOUT, e -> e.type() == JobEventType.CHUNKING_COMPLETED);
    String healthy = cluster.submit(source);
    cluster.watch.await(
        healthy, "chunked", JOB_TIMEOUT, e -> e.type() == JobEventType.CHUNKING_COMPLETED);
    String poisonedStream = FaultCluster.streamOf(poisoned);
    String healthyStream = FaultCluster.streamOf(healthy);
    Set<Integer> healthyPartitions = new HashSet<>();
    for (long chunk = 0; chunk < chunks; chunk++) {
      healthyPartitions.add(FaultCluster.partitionOf(healthyStream, chunk));
    }
    // Two chunks whose partitions also hold chunks of the healthy job, queued behind them: one
    // that cannot be decoded (random bytes: a final error) and one whose source object is gone (a
    // storage error, retried with back-off until the retry policy gives up).
    long undecodable = nextSharingAPartition(poisonedStream, 3, healthyPartitions);
    long missing = nextSharingAPartition(poisonedStream, undecodable + 1, healthyPartitions);
    byte[] garbage = new byte[64 * 1024];
    new Random(undecodable).nextBytes(garbage);
    FaultCluster.uncheckedWrite(
        cluster.work, StorageLayout.sourceChunk(poisonedStream, undecodable), garbage);
    FaultCluster.uncheckedDelete(cluster.work, StorageLayout.sourceChunk(poisonedStream, missing));

    Instant restarted = Instant.now();
    cluster.awaitReady(cluster.startTranscoder(0));
    cluster.awaitReady(cluster.startTranscoder(1));
    TranscodeDeadLettered finalLetter = awaitDeadLetter(poisonedStream, undecodable);
    Instant finalDeadLettered = Instant.now();
    TranscodeDeadLettered retriedLetter = awaitDeadLetter(poisonedStream, missing);
    Instant retriedDeadLettered = Instant.now();
    JobEvent healthyEnd = cluster.watch.awaitEnd(healthy, JOB_TIMEOUT);

    assertThat(finalLetter.code().isRetriable()).as("code %s", finalLetter.code()).isFalse();
    assertThat(finalLetter.attempts()).as("a final code is not retried").isEqualTo(1);
    assertThat(retriedLetter.code()).isEqualTo(ErrorCode.STORAGE_UNAVAILABLE);
    assertThat(retriedLetter.attempts()).isEqualTo(RetryPolicy.defaults().maxAttempts());
    for (TranscodeDeadLettered letter : List.of(finalLetter, retriedLetter)) {
      long chunk = letter.request().sequence();
      JobEvent failed =
          cluster.watch.await(
              poisoned,
              "failed at chunk " + chunk,
              JOB_TIMEOUT,
              e -> e.type() == JobEventType.FAILED && e.sequence().orElse(-1L) == chunk);
      assertThat(failed.error()).isPresent();
      assertThat(failed.error().get().code()).isEqualTo(letter.code());
      assertThat(failed.error().get().message()).contains("chunk " + chunk);
    }
    assertThat(JobPackage.read(cluster.output, poisoned).keys())
        .as("a failed job gets no manifest")
        .doesNotContain("main.m3u8", "manifest.mpd");
    assertThat(healthyEnd.type()).as(cluster.logs()).isEqualTo(JobEventType.COMPLETED);
    JobPackage output = JobPackage.read(cluster.output, healthy);
    output.assertComplete(chunks);
    output.assertSameStructureAs(faultFree);
    report(
        "poison chunks",
        "undecodable chunk %d (partition %d) dead-lettered with %s after %d attempt(s), %d ms"
            + " after the transcoders started (%s); chunk %d without its source (partition %d)"
            + " dead-lettered with %s after %d attempts, %d ms after they started; the other job,"
            + " with chunks behind both on their partitions, completed %d ms after they started;"
            + " its chunks received %d times (of %d)",
        undecodable,
        FaultCluster.partitionOf(poisonedStream, undecodable),
        finalLetter.code(),
        finalLetter.attempts(),
        Duration.between(restarted, finalDeadLettered).toMillis(),
        finalLetter.message(),
        missing,
        FaultCluster.partitionOf(poisonedStream, missing),
        retriedLetter.code(),
        retriedLetter.attempts(),
        Duration.between(restarted, retriedDeadLettered).toMillis(),
        Duration.between(restarted, healthyEnd.at()).toMillis(),
        cluster.chunksReceived(healthyStream).size(),
        chunks);
  }

  /** The first chunk from {@code from} whose partition is one of {@code partitions}. */
  private static long nextSharingAPartition(String streamId, long from, Set<Integer> partitions) {
    long chunk = from;
    while (!partitions.contains(FaultCluster.partitionOf(streamId, chunk))) {
      chunk++;
    }
    assertThat(chunk)
        .as("a chunk of %s on a partition of the other job", streamId)
        .isLessThan(chunks);
    return chunk;
  }

  /** A transcoder paused (SIGSTOP) between receiving a chunk and finishing it. */
  private record Frozen(AbrProcess process, long chunk, Instant at) {}

  /** Where in a chunk a transcoder is paused. */
  private enum Phase {
    /** Anywhere between "received" and "transcoded". */
    ANY,
    /**
     * Before any fragment of the chunk is in the work store (reading, decoding, encoding). The
     * moment after the writes and before the publish lasts milliseconds, too short to catch from
     * outside; TranscoderFirstWriterWinsTest covers a transcoder redoing a chunk whose fragments
     * are already written.
     */
    ENCODING
  }

  /**
   * Waits until a transcoder logs that it received a chunk numbered at least {@code minChunk} of
   * {@code streamId} and pauses it with SIGSTOP; if it turns out to be past that chunk or not in
   * {@code phase}, continues it and waits for the next. Returns while the process is paused.
   */
  private static Frozen freezeInTheMiddleOfAChunk(String streamId, long minChunk, Phase phase) {
    Pattern received =
        Pattern.compile("chunk (\\d+) of stream " + Pattern.quote(streamId) + " received");
    Set<String> missed = new HashSet<>();
    Frozen[] frozen = new Frozen[1];
    Awaits.until(
        "a transcoder in the middle of a chunk of " + streamId + " from " + minChunk + ", " + phase,
        JOB_TIMEOUT,
        () -> {
          for (AbrProcess transcoder : cluster.transcoders()) {
            Matcher matcher = received.matcher(transcoder.err());
            while (matcher.find()) {
              long chunk = Long.parseLong(matcher.group(1));
              String id = transcoder + "/" + chunk;
              if (chunk < minChunk
                  || missed.contains(id)
                  || finished(transcoder, streamId, chunk)) {
                continue;
              }
              transcoder.signal("STOP");
              Instant at = Instant.now();
              boolean written = !fragmentsOf(streamId, chunk).isEmpty();
              boolean inPhase =
                  switch (phase) {
                    case ANY -> true;
                    case ENCODING -> !written;
                  };
              if (inPhase && !finished(transcoder, streamId, chunk)) {
                frozen[0] = new Frozen(transcoder, chunk, at);
                return true;
              }
              missed.add(id);
              transcoder.signal("CONT");
            }
          }
          return false;
        });
    return frozen[0];
  }

  private static boolean finished(AbrProcess transcoder, String streamId, long chunk) {
    String log = transcoder.err();
    String name = "chunk " + chunk + " of stream " + streamId;
    return log.contains(name + " transcoded") || log.contains(name + ": partition lost");
  }

  /**
   * The work-store keys of the video fragments of segment {@code sequence} of a stream (those a
   * transcoder writes; ingest writes the audio ones).
   */
  private static List<String> fragmentsOf(String streamId, long sequence) {
    String suffix = String.format(Locale.ROOT, "/%06d.m4s", sequence);
    try {
      return cluster.work.list("renditions/" + streamId).stream()
          .filter(key -> key.endsWith(suffix) && !key.contains("/" + AUDIO + "/"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * SHA-256 and ETag of the work-store video fragments of segment {@code sequence} of a stream (and
   * of the video init segments if {@code withInit}), by key: what transcoders write.
   */
  private static Map<String, String> fingerprints(
      String streamId, long sequence, boolean withInit) {
    Map<String, String> fingerprints = new LinkedHashMap<>();
    try {
      for (String key : cluster.work.list("renditions/" + streamId)) {
        if (key.contains("/" + AUDIO + "/")) {
          continue;
        }
        if (key.endsWith(String.format(Locale.ROOT, "/%06d.m4s", sequence))
            || (withInit && key.endsWith("/" + StorageLayout.INIT))) {
          byte[] sha = MessageDigest.getInstance("SHA-256").digest(cluster.work.read(key));
          fingerprints.put(key, HexFormat.of().formatHex(sha) + " " + cluster.workETag(key));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    return fingerprints;
  }

  /** Every fragment of the stream in the work store is whole (moof and mdat, sizes add up). */
  private static void assertWorkFragmentsWhole(String streamId) {
    try {
      for (String key : cluster.work.list("renditions/" + streamId)) {
        if (key.endsWith(".m4s")) {
          assertThat(JobPackage.boxTypes(key, cluster.work.read(key)))
              .as(key)
              .containsExactly("moof", "mdat");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TranscodeDeadLettered awaitDeadLetter(String streamId, long chunk) {
    List<TranscodeDeadLettered> letters = new ArrayList<>();
    try (TopicTail<TranscodeDeadLettered> tail =
        TopicTail.fromBeginning(
            cluster.broker.bootstrapServers(),
            Topics.TRANSCODE_DEAD_LETTER,
            TranscodeDeadLettered.class,
            FaultCluster.START)) {
      Awaits.until(
          "chunk " + chunk + " of " + streamId + " is dead-lettered",
          JOB_TIMEOUT,
          () -> {
            letters.addAll(tail.poll(Duration.ofMillis(200)));
            return letters.stream()
                .anyMatch(
                    l ->
                        l.request().streamId().equals(streamId) && l.request().sequence() == chunk);
          });
    }
    return letters.stream()
        .filter(l -> l.request().streamId().equals(streamId) && l.request().sequence() == chunk)
        .findFirst()
        .orElseThrow();
  }

  /** How many of {@code numbers} repeat an earlier one. */
  private static long redoneCount(List<Long> numbers) {
    return numbers.size() - new HashSet<>(numbers).size();
  }

  private static String repeated(List<Long> numbers) {
    Set<Long> seen = new HashSet<>();
    List<Long> repeats = new ArrayList<>();
    for (long number : numbers) {
      if (!seen.add(number)) {
        repeats.add(number);
      }
    }
    return repeats.isEmpty() ? "none" : "segments " + repeats;
  }

  private static long millisSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }

  private static void report(String fault, String format, Object... arguments) {
    System.out.println("FAULT [" + fault + "] " + String.format(Locale.ROOT, format, arguments));
  }
}
