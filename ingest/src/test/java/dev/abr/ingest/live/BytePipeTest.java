package dev.abr.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.testkit.kafka.Awaits;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BytePipeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static byte[] bytes(int count, int first) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) (first + i);
    }
    return bytes;
  }

  private static CompletableFuture<Void> putAsync(BytePipe pipe, byte[] bytes) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                pipe.put(bytes);
                done.complete(null);
              } catch (IOException e) {
                done.completeExceptionally(e);
              }
            });
    return done;
  }

  @Test
  void put_moreThanCapacity_blocksUntilTheConsumerReads() throws Exception {
    BytePipe pipe = new BytePipe(8);
    CompletableFuture<Void> writing = putAsync(pipe, new byte[20]);
    Awaits.until("buffer full", TIMEOUT, () -> pipe.bufferedBytes() == 8);

    assertThat(writing).isNotDone();
    byte[] read = pipe.input().readNBytes(20);

    writing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(read).hasSize(20);
  }

  @Test
  void finish_afterPuts_consumerReadsEverythingThenEndOfStream() throws IOException {
    BytePipe pipe = new BytePipe(64);
    pipe.put(new byte[] {1, 2, 3});

    pipe.finish();

    InputStream in = pipe.input();
    assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void finish_whilePutBlocked_failsTheWriter() {
    BytePipe pipe = new BytePipe(4);
    CompletableFuture<Void> writing = putAsync(pipe, new byte[10]);
    Awaits.until("buffer full", TIMEOUT, () -> pipe.bufferedBytes() == 4);

    pipe.finish();

    assertThatThrownBy(() -> writing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void put_afterTheConsumerClosed_fails() throws IOException {
    BytePipe pipe = new BytePipe(4);

    pipe.input().close();

    assertThatThrownBy(() -> pipe.put(new byte[1]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("consumer closed");
  }

  @Test
  void put_acrossTheEndOfTheRing_keepsByteOrder() throws IOException {
    BytePipe pipe = new BytePipe(5);
    InputStream in = pipe.input();
    byte[] out = new byte[12];
    int total = 0;

    for (int i = 0; i < 4; i++) {
      pipe.put(new byte[] {(byte) (3 * i), (byte) (3 * i + 1), (byte) (3 * i + 2)});
      total += in.readNBytes(out, total, 3);
    }

    assertThat(out).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
  }

  @Test
  void offer_thenFinish_readsTheBytesThenEndOfStream() throws IOException {
    BytePipe pipe = new BytePipe(16);

    pipe.offer(bytes(10, 0), 0, 10);
    pipe.finish();

    assertThat(pipe.input().readAllBytes()).isEqualTo(bytes(10, 0));
    assertThat(pipe.input().read()).isEqualTo(-1);
  }

  @Test
  void offer_moreThanTheFreeSpace_overflowsAndBuffersNothing() {
    BytePipe pipe = new BytePipe(16);
    pipe.offer(bytes(10, 0), 0, 10);

    BytePipe.Offer result = pipe.offer(bytes(7, 10), 0, 7);

    assertThat(result).isEqualTo(BytePipe.Offer.OVERFLOW);
    assertThat(pipe.bufferedBytes()).isEqualTo(10);
  }

  @Test
  void offer_acrossTheEndOfTheRing_keepsTheOrder() throws IOException {
    BytePipe pipe = new BytePipe(16);
    InputStream input = pipe.input();
    pipe.offer(bytes(12, 0), 0, 12);
    input.readNBytes(12);

    pipe.offer(bytes(10, 12), 0, 10);
    pipe.finish();

    assertThat(input.readAllBytes()).isEqualTo(bytes(10, 12));
  }

  @Test
  void offer_afterTheConsumerClosed_reportsClosed() throws IOException {
    BytePipe pipe = new BytePipe(16);
    pipe.input().close();

    assertThat(pipe.offer(bytes(1, 0), 0, 1)).isEqualTo(BytePipe.Offer.CLOSED);
  }

  @Test
  void offer_afterFinish_reportsClosed() {
    BytePipe pipe = new BytePipe(16);
    pipe.finish();

    assertThat(pipe.offer(bytes(1, 0), 0, 1)).isEqualTo(BytePipe.Offer.CLOSED);
  }

  @Test
  void read_waitsForAWriteFromAnotherThread() throws Exception {
    BytePipe pipe = new BytePipe(16);
    CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readOne(pipe));

    pipe.offer(new byte[] {42}, 0, 1);

    assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(42);
  }

  @Test
  void read_afterTheConsumerClosed_fails() throws IOException {
    BytePipe pipe = new BytePipe(16);
    pipe.input().close();

    assertThatThrownBy(() -> pipe.input().read()).isInstanceOf(IOException.class);
  }

  private static int readOne(BytePipe pipe) {
    try {
      return pipe.input().read();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
