package dev.abr.app;

import dev.abr.core.id.Ids;
import dev.abr.core.kafka.JsonProducer;
import dev.abr.core.kafka.KafkaTopics;
import dev.abr.core.ladder.LadderDocuments;
import dev.abr.core.message.JobSubmitted;
import dev.abr.core.message.Topics;
import dev.abr.core.storage.ObjectStore;
import dev.abr.core.time.Rational;
import dev.abr.s3.S3ObjectStore;
import dev.abr.s3.S3TestServer;
import dev.abr.testkit.kafka.Awaits;
import dev.abr.testkit.kafka.BrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Utils;

/**
 * The pipeline as separate processes for fault tests: a Kafka broker in its own JVM (stoppable and
 * restartable on the same port and data), an S3 server (s3proxy, in the test JVM) holding the work
 * and output stores, and {@code abr ingest}, two {@code abr transcoder}s and one {@code abr
 * packager} as separate JVMs. The broker fences a silent member after {@value #SESSION_TIMEOUT_MS}
 * ms, so a paused or killed transcoder loses its partitions within seconds. Not thread-safe.
 */
final class FaultCluster implements AutoCloseable {
  static final Duration START = Duration.ofSeconds(90);
  static final int SESSION_TIMEOUT_MS = 4_000;
  static final int TRANSCODE_PARTITIONS = 12;

  private final Path folder;
  private final S3TestServer s3;
  private final String workUrl;
  private final String outputUrl;
  final String workBucket;
  final BrokerProcess broker;
  final S3ObjectStore work;
  final S3ObjectStore output;
  final JsonProducer producer;
  final JobWatch watch;

  private AbrProcess ingest;
  private final AbrProcess[] transcoders = new AbrProcess[2];
  private AbrProcess packager;
  private final List<AbrProcess> everyTranscoder = new ArrayList<>();
  private final List<AbrProcess> everyPackager = new ArrayList<>();
  private final List<AbrProcess> everyProcess = new ArrayList<>();
  private int started;

  private FaultCluster(
      Path folder,
      S3TestServer s3,
      String workUrl,
      String outputUrl,
      String workBucket,
      BrokerProcess broker,
      S3ObjectStore work,
      S3ObjectStore output) {
    this.folder = folder;
    this.s3 = s3;
    this.workUrl = workUrl;
    this.outputUrl = outputUrl;
    this.workBucket = workBucket;
    this.broker = broker;
    this.work = work;
    this.output = output;
    this.producer = JsonProducer.create(broker.bootstrapServers(), "fault-test");
    this.watch = JobWatch.start(broker.bootstrapServers());
  }

  /** Starts the broker, the stores and every role, and waits until each role is ready. */
  static FaultCluster start(Path folder, S3TestServer s3) throws IOException {
    BrokerProcess broker =
        BrokerProcess.start(
            folder.resolve("kafka"),
            folder.resolve("logs/broker.log"),
            Map.of(
                "group.consumer.min.session.timeout.ms", "2000",
                "group.consumer.session.timeout.ms", String.valueOf(SESSION_TIMEOUT_MS),
                "group.consumer.min.heartbeat.interval.ms", "500",
                "group.consumer.heartbeat.interval.ms", "1000"),
            START);
    KafkaTopics.ensure(broker.bootstrapServers(), KafkaTopics.defaults(), START);
    String workBucket = s3.createBucket();
    String outputBucket = s3.createBucket();
    FaultCluster cluster =
        new FaultCluster(
            folder,
            s3,
            url(s3, workBucket, "work"),
            url(s3, outputBucket, "out"),
            workBucket,
            broker,
            s3.open(workBucket, "work"),
            s3.open(outputBucket, "out"));
    cluster.ingest =
        cluster.start(
            "ingest",
            Map.of("ABR_SEGMENTS_PER_CHUNK", "1", "ABR_TEMP_DIR", folder.resolve("tmp").toString()),
            "ingest");
    cluster.startTranscoder(0);
    cluster.startTranscoder(1);
    cluster.startPackager();
    cluster.awaitReady(cluster.ingest);
    cluster.awaitReady(cluster.transcoders[0]);
    cluster.awaitReady(cluster.transcoders[1]);
    cluster.awaitReady(cluster.packager);
    return cluster;
  }

  /** The S3 ETag of a work-store object. */
  String workETag(String key) {
    return s3.admin().headObject(b -> b.bucket(workBucket).key("work/" + key)).eTag();
  }

  AbrProcess ingest() {
    return ingest;
  }

  AbrProcess transcoder(int slot) {
    return transcoders[slot];
  }

  List<AbrProcess> transcoders() {
    return List.of(transcoders);
  }

  AbrProcess packager() {
    return packager;
  }

  /** Starts a transcoder in {@code slot} (0 or 1), replacing whatever was there. */
  AbrProcess startTranscoder(int slot) {
    AbrProcess process = start("transcoder-" + slot, Map.of(), "transcoder");
    transcoders[slot] = process;
    everyTranscoder.add(process);
    return process;
  }

  AbrProcess startPackager() {
    packager = start("packager", Map.of("ABR_OUTPUT", outputUrl), "packager");
    everyPackager.add(packager);
    return packager;
  }

  /** Waits until {@code process} has joined its consumer group ({@code /readyz} 200). */
  void awaitReady(AbrProcess process) {
    URI ops = process.opsUri(START);
    Awaits.until(
        process + " is ready", START, () -> AbrProcess.status(ops, "/readyz").orElse(0) == 200);
  }

  /**
   * Before each test: the broker runs and there are two transcoders and one packager (a role a test
   * killed is started again; one it stopped with SIGSTOP is continued).
   */
  void ensureRunning() {
    if (!broker.isAlive()) {
      broker.start(START);
    }
    for (int slot = 0; slot < transcoders.length; slot++) {
      if (!transcoders[slot].isAlive()) {
        awaitReady(startTranscoder(slot));
      }
    }
    if (!packager.isAlive()) {
      awaitReady(startPackager());
    }
    if (!ingest.isAlive()) {
      throw new AssertionError("ingest died:\n" + ingest.logs());
    }
  }

  /** Submits a job for {@code input} (small ladder, 2 s segments) and returns its id. */
  String submit(Path input) {
    String jobId = Ids.random(12);
    producer.sendAndWait(
        Topics.JOB_SUBMITTED,
        jobId,
        new JobSubmitted(
            jobId,
            streamOf(jobId),
            input.toString(),
            LadderDocuments.builtIn("small"),
            Rational.of(2),
            jobId,
            Clock.systemUTC().instant()));
    return jobId;
  }

  static String streamOf(String jobId) {
    return "s-" + jobId;
  }

  /** The partition of {@code abr.transcode.requested.v1} that holds a chunk's request. */
  static int partitionOf(String streamId, long chunk) {
    byte[] key = Topics.chunkKey(streamId, chunk).getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % TRANSCODE_PARTITIONS;
  }

  /** Every {@code chunk N of stream S received} line of every transcoder so far (with repeats). */
  List<Long> chunksReceived(String streamId) {
    return numbers(
        everyTranscoder, "chunk (\\d+) of stream " + Pattern.quote(streamId) + " received");
  }

  /** Every {@code stream S: segment N published} line of every packager so far (with repeats). */
  List<Long> segmentsPublished(String streamId) {
    return numbers(
        everyPackager, "stream " + Pattern.quote(streamId) + ": segment (\\d+) published");
  }

  /** Logs of every process started, for failure messages. */
  String logs() {
    StringBuilder all = new StringBuilder();
    for (AbrProcess process : everyProcess) {
      String err = process.err();
      all.append("--- ")
          .append(process)
          .append(" (last 40 lines) ---\n")
          .append(String.join("\n", lastLines(err, 40)))
          .append('\n');
    }
    return all.toString();
  }

  @Override
  public void close() {
    watch.close();
    producer.close();
    for (AbrProcess process : everyProcess) {
      if (process.isAlive()) {
        process.signal("CONT");
        process.terminate();
      }
    }
    for (AbrProcess process : everyProcess) {
      try {
        process.awaitExit(Duration.ofSeconds(30));
      } catch (AssertionError e) {
        process.close();
      }
    }
    broker.close();
    work.close();
    output.close();
  }

  private AbrProcess start(String role, Map<String, String> extra, String command) {
    String name = role + "-" + (++started);
    Map<String, String> environment = new HashMap<>();
    environment.put("ABR_KAFKA_BOOTSTRAP", broker.bootstrapServers());
    environment.put("ABR_STORAGE", workUrl);
    environment.put("ABR_HTTP_PORT", "0");
    environment.put("ABR_HTTP_HOST", "127.0.0.1");
    environment.put("ABR_CLIENT_ID", name);
    environment.put("ABR_DRAIN_GRACE_SECONDS", "10");
    environment.put("AWS_ACCESS_KEY_ID", s3.credentials().accessKeyId());
    environment.put("AWS_SECRET_ACCESS_KEY", s3.credentials().secretAccessKey());
    // The Kafka clients' connection warnings show when a role finds the broker gone.
    environment.put(
        "JAVA_TOOL_OPTIONS",
        "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient=warn");
    environment.putAll(extra);
    AbrProcess process = AbrProcess.start(folder.resolve("logs"), name, environment, command);
    everyProcess.add(process);
    return process;
  }

  private static String url(S3TestServer s3, String bucket, String prefix) {
    return "s3://"
        + bucket
        + "/"
        + prefix
        + "?endpoint="
        + s3.endpoint()
        + "&pathStyle=true&region=us-east-1";
  }

  private static List<Long> numbers(List<AbrProcess> processes, String regex) {
    Pattern pattern = Pattern.compile(regex);
    List<Long> numbers = new ArrayList<>();
    for (AbrProcess process : processes) {
      Matcher matcher = pattern.matcher(process.err());
      while (matcher.find()) {
        numbers.add(Long.parseLong(matcher.group(1)));
      }
    }
    return numbers;
  }

  private static List<String> lastLines(String text, int count) {
    List<String> lines = text.lines().toList();
    return lines.subList(Math.max(0, lines.size() - count), lines.size());
  }

  static void uncheckedDelete(ObjectStore store, String key) {
    try {
      store.delete(key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void uncheckedWrite(ObjectStore store, String key, byte[] bytes) {
    try {
      store.putAtomically(key, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
