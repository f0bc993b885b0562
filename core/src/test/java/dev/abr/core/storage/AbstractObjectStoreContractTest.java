package dev.abr.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ObjectStore} must do (Trino's {@code AbstractTestTrinoFileSystem}). A store
 * implementation's test extends this class and supplies a fresh, empty store per test; it ships in
 * core's test-jar so stores in other modules (S3) run the same suite.
 *
 * <p>Test methods are public so subclasses in other packages inherit them.
 */
public abstract class AbstractObjectStoreContractTest {
  private static final long CONCURRENCY_TIMEOUT_SECONDS = 120;

  private ObjectStore store;

  /** Returns a new, empty store; called before each test. */
  protected abstract ObjectStore createStore() throws IOException;

  /**
   * Leaves behind, under {@code key}'s folder, what a {@link ObjectStore#putAtomically} of {@code
   * key} interrupted half way leaves (a temporary file, an unfinished upload), without creating the
   * object itself.
   */
  protected abstract void leaveInterruptedWrite(String key) throws IOException;

  /** Releases the store after each test; nothing by default. */
  protected void closeStore(ObjectStore store) throws IOException {}

  /** The store under test. */
  protected final ObjectStore store() {
    return store;
  }

  @BeforeEach
  final void createStoreForTest() throws IOException {
    store = createStore();
  }

  @AfterEach
  final void closeStoreAfterTest() throws IOException {
    closeStore(store);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes 0, 1, 2, ... (mod 256). */
  private static byte[] counting(int sizeBytes) {
    byte[] bytes = new byte[sizeBytes];
    for (int i = 0; i < sizeBytes; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static byte[] filled(int sizeBytes, char value) {
    byte[] bytes = new byte[sizeBytes];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  @Test
  public void putAtomically_newKey_isReadBack() throws IOException {
    store.putAtomically("out/s1/main.m3u8", utf8("#EXTM3U\n"));

    assertThat(store.read("out/s1/main.m3u8")).isEqualTo(utf8("#EXTM3U\n"));
  }

  @Test
  public void putAtomically_existingKey_replacesTheObject() throws IOException {
    store.putAtomically("a/x.txt", utf8("first, longer content"));

    store.putAtomically("a/x.txt", utf8("second"));

    assertThat(store.read("a/x.txt")).isEqualTo(utf8("second"));
  }

  @Test
  public void putAtomically_noBytes_storesEmptyObject() throws IOException {
    store.putAtomically("empty.bin", new byte[0]);

    assertThat(store.exists("empty.bin")).isTrue();
    assertThat(store.size("empty.bin")).isZero();
  }

  @Test
  public void putFileAtomically_localFile_isReadBack(@TempDir Path folder) throws IOException {
    Path source = folder.resolve("chunk.mkv");
    Files.write(source, utf8("matroska bytes"));

    store.putFileAtomically("sources/s1/000000.mkv", source);

    assertThat(store.read("sources/s1/000000.mkv")).isEqualTo(utf8("matroska bytes"));
  }

  @Test
  public void putFileAtomically_missingSource_throwsAndLeavesNoObject(@TempDir Path folder) {
    assertThatThrownBy(() -> store.putFileAtomically("a/x.mkv", folder.resolve("missing.mkv")))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(existsUnchecked("a/x.mkv")).isFalse();
  }

  private boolean existsUnchecked(String key) {
    try {
      return store.exists(key);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  public void open_existingKey_streamsTheBytes() throws IOException {
    store.putAtomically("a/x.txt", utf8("streamed"));

    try (InputStream in = store.open("a/x.txt")) {
      assertThat(in.readAllBytes()).isEqualTo(utf8("streamed"));
    }
  }

  @Test
  public void read_missingKey_throwsNoSuchFileException() {
    assertThatThrownBy(() -> store.read("a/missing.txt")).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  public void open_missingKey_throwsNoSuchFileException() {
    assertThatThrownBy(() -> store.open("a/missing.txt")).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  public void size_missingKey_throwsNoSuchFileException() {
    assertThatThrownBy(() -> store.size("a/missing.txt")).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  public void localFile_missingKey_throwsNoSuchFileException() {
    assertThatThrownBy(() -> store.localFile("a/missing.txt"))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  public void read_prefixOfAnObject_throwsNoSuchFileException() throws IOException {
    store.putAtomically("a/b/c.txt", utf8("c"));

    assertThatThrownBy(() -> store.read("a/b")).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  public void exists_prefixOfAnObject_isFalse() throws IOException {
    store.putAtomically("a/b/c.txt", utf8("c"));

    assertThat(store.exists("a/b")).isFalse();
  }

  @Test
  public void exists_missingKey_isFalse() throws IOException {
    assertThat(store.exists("nothing.txt")).isFalse();
  }

  @Test
  public void size_object_isItsLengthInBytes() throws IOException {
    store.putAtomically("a/x.bin", new byte[12_345]);

    assertThat(store.size("a/x.bin")).isEqualTo(12_345);
  }

  @Test
  public void localFile_object_holdsItsBytes() throws IOException {
    store.putAtomically("a/x.bin", utf8("for ffmpeg"));

    try (ObjectStore.LocalFile file = store.localFile("a/x.bin")) {
      assertThat(Files.readAllBytes(file.path())).isEqualTo(utf8("for ffmpeg"));
    }
  }

  @Test
  public void list_emptyPrefix_returnsEveryKeySorted() throws IOException {
    for (String key : List.of("main.m3u8", "b/2.m4s", "a/9.m4s", "a/10.m4s")) {
      store.putAtomically(key, utf8(key));
    }

    assertThat(store.list("")).containsExactly("a/10.m4s", "a/9.m4s", "b/2.m4s", "main.m3u8");
  }

  @Test
  public void list_folderPrefix_returnsOnlyKeysInThatFolder() throws IOException {
    for (String key : List.of("a/x", "a/b/z", "ab/y", "a.txt")) {
      store.putAtomically(key, utf8(key));
    }

    assertThat(store.list("a")).containsExactly("a/b/z", "a/x");
  }

  @Test
  public void list_prefixWithTrailingSlash_equalsWithout() throws IOException {
    store.putAtomically("a/x", utf8("x"));
    store.putAtomically("a/b/z", utf8("z"));

    assertThat(store.list("a/")).isEqualTo(store.list("a"));
  }

  @Test
  public void list_missingPrefix_isEmpty() throws IOException {
    store.putAtomically("a/x", utf8("x"));

    assertThat(store.list("nothing")).isEmpty();
  }

  @Test
  public void list_interruptedWrite_isNotListed() throws IOException {
    store.putAtomically("a/done.m4s", utf8("done"));
    leaveInterruptedWrite("a/half.m4s");

    assertThat(store.list("a")).containsExactly("a/done.m4s");
    assertThat(store.list("")).containsExactly("a/done.m4s");
    assertThat(store.exists("a/half.m4s")).isFalse();
  }

  @Test
  public void delete_existingKey_removesIt() throws IOException {
    store.putAtomically("a/x", utf8("x"));

    store.delete("a/x");

    assertThat(store.exists("a/x")).isFalse();
    assertThat(store.list("")).isEmpty();
  }

  @Test
  public void delete_missingKey_doesNothing() throws IOException {
    store.putAtomically("a/other", utf8("kept"));

    store.delete("a/missing");

    assertThat(store.list("")).containsExactly("a/other");
  }

  @Test
  public void delete_twice_doesNothingTheSecondTime() throws IOException {
    store.putAtomically("a/x", utf8("x"));
    store.delete("a/x");

    store.delete("a/x");

    assertThat(store.exists("a/x")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"../escape", "a/../../escape", "/absolute", "a//b", ".hidden", "a/.tmp-x"})
  public void putAtomically_badKey_isRejectedBeforeWriting(String key) throws IOException {
    assertThatThrownBy(() -> store.putAtomically(key, utf8("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.list("")).isEmpty();
  }

  @Test
  public void read_traversalKey_isRejected() {
    assertThatThrownBy(() -> store.read("../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  public void exists_traversalKey_isRejected() {
    assertThatThrownBy(() -> store.exists("a/../../x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  public void delete_traversalKey_isRejected() {
    assertThatThrownBy(() -> store.delete("../x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  public void list_traversalPrefix_isRejected() {
    assertThatThrownBy(() -> store.list("../")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  public void putFileAtomically_controlCharacterKey_isRejected(@TempDir Path folder)
      throws IOException {
    Path source = folder.resolve("x");
    Files.write(source, utf8("x"));

    assertThatThrownBy(() -> store.putFileAtomically("a/x\ny", source))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  public void read_whileOverwritten_alwaysReturnsOneWholeVersion() throws Exception {
    byte[] versionA = filled(4 << 20, 'a');
    byte[] versionB = filled(4 << 20, 'b');
    store.putAtomically("big.bin", versionA);

    int reads =
        raceReadersAgainstWriter(
            versionA,
            versionB,
            () -> {
              byte[] seen = store.read("big.bin");
              assertThat(Arrays.equals(seen, versionA) || Arrays.equals(seen, versionB))
                  .as("read returned %d bytes of a torn object", seen.length)
                  .isTrue();
            });

    assertThat(reads).isPositive();
  }

  @Test
  public void open_whileOverwritten_alwaysStreamsOneWholeVersion() throws Exception {
    byte[] versionA = filled(4 << 20, 'a');
    byte[] versionB = filled(4 << 20, 'b');
    store.putAtomically("big.bin", versionA);

    int reads =
        raceReadersAgainstWriter(
            versionA,
            versionB,
            () -> {
              byte[] seen;
              try (InputStream in = store.open("big.bin")) {
                seen = in.readAllBytes();
              }
              assertThat(Arrays.equals(seen, versionA) || Arrays.equals(seen, versionB))
                  .as("open streamed %d bytes of a torn object", seen.length)
                  .isTrue();
            });

    assertThat(reads).isPositive();
  }

  @FunctionalInterface
  private interface Read {
    void run() throws Exception;
  }

  /**
   * Overwrites {@code big.bin} 16 times, alternating two versions, while two readers read it in a
   * loop; returns how many reads were checked. Readers start before the writer and stop after it.
   */
  private int raceReadersAgainstWriter(byte[] versionA, byte[] versionB, Read read)
      throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
      Callable<Integer> reader =
          () -> {
            int count = 0;
            do {
              read.run();
              count++;
            } while (writing.get());
            return count;
          };
      List<Future<Integer>> readers = List.of(pool.submit(reader), pool.submit(reader));
      Future<?> writer =
          pool.submit(
              () -> {
                try {
                  for (int i = 0; i < 16; i++) {
                    store.putAtomically("big.bin", i % 2 == 0 ? versionB : versionA);
                  }
                } finally {
                  writing.set(false);
                }
                return null;
              });
      writer.get(CONCURRENCY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      int reads = 0;
      for (Future<Integer> future : readers) {
        reads += future.get(CONCURRENCY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
      return reads;
    }
  }

  @Test
  public void putAtomically_concurrentWritersOfOneKey_leaveOneWholeVersion() throws Exception {
    byte[] versionA = filled(1 << 20, 'a');
    byte[] versionB = filled(1 << 20, 'b');
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      List<Future<?>> writers = new ArrayList<>();
      for (byte[] version : List.of(versionA, versionB)) {
        writers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 8; i++) {
                    store.putAtomically("a/same.bin", version);
                  }
                  return null;
                }));
      }
      for (Future<?> writer : writers) {
        writer.get(CONCURRENCY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    }

    byte[] last = store.read("a/same.bin");
    assertThat(Arrays.equals(last, versionA) || Arrays.equals(last, versionB)).isTrue();
    assertThat(store.list("a")).containsExactly("a/same.bin");
  }

  @Test
  public void list_whileObjectsAreWritten_neverFailsAndListsOnlyWholeObjects() throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    int objects = 100;
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<?> writer =
          pool.submit(
              () -> {
                try {
                  for (int i = 0; i < objects; i++) {
                    store.putAtomically("seg/" + (1000 + i) + ".m4s", utf8("segment " + i));
                  }
                } finally {
                  writing.set(false);
                }
                return null;
              });
      Future<?> lister =
          pool.submit(
              () -> {
                do {
                  List<String> keys = store.list("seg");
                  assertThat(keys).isSorted().allMatch(k -> k.matches("seg/1[0-9]{3}\\.m4s"));
                  for (String key : keys) {
                    assertThat(store.read(key)).startsWith(utf8("segment "));
                  }
                } while (writing.get());
                return null;
              });
      writer.get(CONCURRENCY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      lister.get(CONCURRENCY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    assertThat(store.list("seg")).hasSize(objects);
  }

  @Test
  public void putIfAbsent_newKey_createsItAndReturnsTrue() throws IOException {
    assertThat(store.putIfAbsent("locks/s1.json", utf8("{\"owner\":1}"))).isTrue();

    assertThat(store.read("locks/s1.json")).isEqualTo(utf8("{\"owner\":1}"));
    assertThat(store.list("locks")).containsExactly("locks/s1.json");
  }

  @Test
  public void putIfAbsent_existingKey_returnsFalseAndKeepsTheObject() throws IOException {
    store.putAtomically("locks/s1.json", utf8("first"));

    assertThat(store.putIfAbsent("locks/s1.json", utf8("second"))).isFalse();

    assertThat(store.read("locks/s1.json")).isEqualTo(utf8("first"));
    assertThat(store.list("locks")).containsExactly("locks/s1.json");
  }

  @Test
  public void putIfAbsent_twice_secondCallReturnsFalse() throws IOException {
    assertThat(store.putIfAbsent("a/x", utf8("one"))).isTrue();

    assertThat(store.putIfAbsent("a/x", utf8("two"))).isFalse();

    assertThat(store.read("a/x")).isEqualTo(utf8("one"));
  }

  @Test
  public void putIfAbsent_afterDelete_createsAgain() throws IOException {
    store.putIfAbsent("a/x", utf8("one"));
    store.delete("a/x");

    assertThat(store.putIfAbsent("a/x", utf8("two"))).isTrue();

    assertThat(store.read("a/x")).isEqualTo(utf8("two"));
  }

  @Test
  public void putIfAbsent_noBytes_createsEmptyObject() throws IOException {
    assertThat(store.putIfAbsent("empty.bin", new byte[0])).isTrue();

    assertThat(store.size("empty.bin")).isZero();
  }

  @Test
  public void putIfAbsent_badKey_isRejectedBeforeWriting() throws IOException {
    assertThatThrownBy(() -> store.putIfAbsent("a/../../x", utf8("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.list("")).isEmpty();
  }

  @Test
  public void putIfAbsent_twoThreadsRace_exactlyOneWinsEachKey() throws Exception {
    int rounds = 16;
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      for (int round = 0; round < rounds; round++) {
        String key = "race/" + round + ".json";
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Boolean>> racers = new ArrayList<>();
        for (String racer : List.of("left", "right")) {
          racers.add(
              pool.submit(
                  () -> {
                    start.await(CONCURRENCY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    return store.putIfAbsent(key, utf8(racer));
                  }));
        }
        boolean leftWon = racers.get(0).get(CONCURRENCY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        boolean rightWon = racers.get(1).get(CONCURRENCY_TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(leftWon ^ rightWon).as("exactly one winner of %s", key).isTrue();
        assertThat(store.read(key)).isEqualTo(utf8(leftWon ? "left" : "right"));
      }
    }
    assertThat(store.list("race")).hasSize(rounds);
  }

  @Test
  public void readRange_middleOfObject_returnsThoseBytes() throws IOException {
    store.putAtomically("a/x.bin", counting(100));

    assertThat(store.read("a/x.bin", 10, 5)).containsExactly(10, 11, 12, 13, 14);
  }

  @Test
  public void readRange_pastTheEnd_returnsTheRest() throws IOException {
    store.putAtomically("a/x.bin", counting(100));

    assertThat(store.read("a/x.bin", 95, 10)).containsExactly(95, 96, 97, 98, 99);
  }

  @ParameterizedTest
  @ValueSource(longs = {100, 101, 1_000_000, Long.MAX_VALUE - 1})
  public void readRange_fromTheEndOrBeyond_isEmpty(long offsetBytes) throws IOException {
    store.putAtomically("a/x.bin", counting(100));

    assertThat(store.read("a/x.bin", offsetBytes, 10)).isEmpty();
  }

  @Test
  public void readRange_zeroLength_isEmpty() throws IOException {
    store.putAtomically("a/x.bin", counting(100));

    assertThat(store.read("a/x.bin", 3, 0)).isEmpty();
  }

  @Test
  public void readRange_emptyObject_isEmpty() throws IOException {
    store.putAtomically("empty.bin", new byte[0]);

    assertThat(store.read("empty.bin", 0, 10)).isEmpty();
  }

  @Test
  public void readRange_largeObject_equalsTheSameSliceOfRead() throws IOException {
    byte[] bytes = new byte[3 << 20];
    new Random(7).nextBytes(bytes);
    store.putAtomically("big.bin", bytes);

    assertThat(store.read("big.bin", 1_000_003, 1 << 20))
        .isEqualTo(Arrays.copyOfRange(bytes, 1_000_003, 1_000_003 + (1 << 20)));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 10})
  public void readRange_missingKey_throwsNoSuchFileException(int lengthBytes) {
    assertThatThrownBy(() -> store.read("a/missing.bin", 0, lengthBytes))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  public void readRange_negativeOffsetOrLength_isRejected() throws IOException {
    store.putAtomically("a/x.bin", counting(10));

    assertThatThrownBy(() -> store.read("a/x.bin", -1, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.read("a/x.bin", 0, -5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  public void list_moreKeysThanOneS3Page_returnsEveryKeySorted() throws Exception {
    // S3 lists at most 1 000 keys per page; 1 234 keys need two pages.
    int objects = 1_234;
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < objects; i++) {
      keys.add("many/" + i + ".m4s");
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> writes = new ArrayList<>();
      for (String key : keys) {
        writes.add(
            pool.submit(
                () -> {
                  store.putAtomically(key, utf8(key));
                  return null;
                }));
      }
      for (Future<?> write : writes) {
        write.get(CONCURRENCY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    }
    store.putAtomically("other/x", utf8("x"));

    List<String> sorted = keys.stream().sorted().toList();
    assertThat(store.list("many")).isEqualTo(sorted);
    assertThat(store.list("")).hasSize(objects + 1).startsWith(sorted.get(0)).endsWith("other/x");
  }

  @Test
  public void putAtomically_keysWithEveryAllowedCharacter_areReadBackAndListedSorted()
      throws IOException {
    List<String> keys =
        List.of(
            "chars/ABCDEFGHIJKLMNOPQRSTUVWXYZ/abcdefghijklmnopqrstuvwxyz/0123456789/_.-",
            "chars/_/_-/x./x..y/a-b.c_d",
            "chars/" + "M".repeat(128),
            "chars/a-b",
            "chars/a.b",
            "chars/a/b",
            "chars/a_b",
            "chars/aB",
            "chars/A");
    for (String key : keys) {
      store.putAtomically(key, utf8(key));
    }

    for (String key : keys) {
      assertThat(store.read(key)).as(key).isEqualTo(utf8(key));
    }
    assertThat(store.list("chars")).isEqualTo(keys.stream().sorted().toList());
  }

  @Test
  public void putAtomically_keyWithManyLevels_isReadBackAndListed() throws IOException {
    StringBuilder key = new StringBuilder();
    for (int level = 0; level < 100; level++) {
      key.append("l").append(level).append('/');
    }
    key.append("x.m4s");

    store.putAtomically(key.toString(), utf8("deep"));

    assertThat(store.read(key.toString())).isEqualTo(utf8("deep"));
    assertThat(store.list("l0/l1")).containsExactly(key.toString());
  }

  @Test
  public void describe_isNotBlank() {
    assertThat(store.describe()).isNotBlank();
  }
}
