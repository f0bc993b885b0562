package dev.abr.ingest.live.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abr.testkit.kafka.Awaits;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FlvPipeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static CompletableFuture<Void> writeAsync(FlvPipe pipe, byte[] bytes) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                pipe.write(bytes);
                done.complete(null);
              } catch (IOException e) {
                done.completeExceptionally(e);
              }
            });
    return done;
  }

  @Test
  void write_moreThanCapacity_blocksUntilTheConsumerReads() throws Exception {
    FlvPipe pipe = new FlvPipe(8);
    CompletableFuture<Void> writing = writeAsync(pipe, new byte[20]);
    Awaits.until("buffer full", TIMEOUT, () -> pipe.bufferedBytes() == 8);

    assertThat(writing).isNotDone();
    byte[] read = pipe.input().readNBytes(20);

    writing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(read).hasSize(20);
  }

  @Test
  void finish_afterWrites_consumerReadsEverythingThenEndOfStream() throws IOException {
    FlvPipe pipe = new FlvPipe(64);
    pipe.write(new byte[] {1, 2, 3});

    pipe.finish();

    InputStream in = pipe.input();
    assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void finish_whileWriterBlocked_failsTheWriter() {
    FlvPipe pipe = new FlvPipe(4);
    CompletableFuture<Void> writing = writeAsync(pipe, new byte[10]);
    Awaits.until("buffer full", TIMEOUT, () -> pipe.bufferedBytes() == 4);

    pipe.finish();

    assertThatThrownBy(() -> writing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void close_byConsumer_failsLaterWrites() throws IOException {
    FlvPipe pipe = new FlvPipe(4);

    pipe.input().close();

    assertThatThrownBy(() -> pipe.write(new byte[1]))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("consumer closed");
  }

  @Test
  void read_wrappingRingBuffer_keepsByteOrder() throws IOException {
    FlvPipe pipe = new FlvPipe(5);
    InputStream in = pipe.input();
    byte[] out = new byte[12];
    int total = 0;

    for (int i = 0; i < 4; i++) {
      pipe.write(new byte[] {(byte) (3 * i), (byte) (3 * i + 1), (byte) (3 * i + 2)});
      total += in.readNBytes(out, total, 3);
    }

    assertThat(out).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
  }
}
