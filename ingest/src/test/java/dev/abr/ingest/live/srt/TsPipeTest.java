package dev.abr.ingest.live.srt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TsPipeTest {
  private static byte[] bytes(int count, int first) {
    byte[] bytes = new byte[count];
    for (int i = 0; i < count; i++) {
      bytes[i] = (byte) (first + i);
    }
    return bytes;
  }

  @Test
  void write_thenFinish_readsTheBytesThenEndOfStream() throws IOException {
    TsPipe pipe = new TsPipe(16);

    pipe.write(bytes(10, 0), 0, 10);
    pipe.finish();

    assertThat(pipe.input().readAllBytes()).isEqualTo(bytes(10, 0));
    assertThat(pipe.input().read()).isEqualTo(-1);
  }

  @Test
  void write_moreThanTheFreeSpace_overflowsAndBuffersNothing() {
    TsPipe pipe = new TsPipe(16);
    pipe.write(bytes(10, 0), 0, 10);

    TsPipe.Write result = pipe.write(bytes(7, 10), 0, 7);

    assertThat(result).isEqualTo(TsPipe.Write.OVERFLOW);
    assertThat(pipe.bufferedBytes()).isEqualTo(10);
  }

  @Test
  void write_acrossTheEndOfTheRing_keepsTheOrder() throws IOException {
    TsPipe pipe = new TsPipe(16);
    InputStream input = pipe.input();
    pipe.write(bytes(12, 0), 0, 12);
    input.readNBytes(12);

    pipe.write(bytes(10, 12), 0, 10);
    pipe.finish();

    assertThat(input.readAllBytes()).isEqualTo(bytes(10, 12));
  }

  @Test
  void write_afterTheConsumerClosed_reportsClosed() throws IOException {
    TsPipe pipe = new TsPipe(16);
    pipe.input().close();

    assertThat(pipe.write(bytes(1, 0), 0, 1)).isEqualTo(TsPipe.Write.CLOSED);
  }

  @Test
  void write_afterFinish_reportsClosed() {
    TsPipe pipe = new TsPipe(16);
    pipe.finish();

    assertThat(pipe.write(bytes(1, 0), 0, 1)).isEqualTo(TsPipe.Write.CLOSED);
  }

  @Test
  void read_waitsForAWriteFromAnotherThread() throws Exception {
    TsPipe pipe = new TsPipe(16);
    CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> readOne(pipe));

    pipe.write(new byte[] {42}, 0, 1);

    assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(42);
  }

  @Test
  void read_afterTheConsumerClosed_fails() throws IOException {
    TsPipe pipe = new TsPipe(16);
    pipe.input().close();

    assertThatThrownBy(() -> pipe.input().read()).isInstanceOf(IOException.class);
  }

  private static int readOne(TsPipe pipe) {
    try {
      return pipe.input().read();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
