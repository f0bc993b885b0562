package dev.abr.cmaf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.abr.cmaf.box.Box;
import dev.abr.cmaf.box.BoxReader;
import dev.abr.cmaf.box.BoxTreeDump;
import dev.abr.cmaf.box.BoxWriter;
import dev.abr.core.error.ErrorKind;
import dev.abr.core.error.PipelineException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Robustness replays in the spirit of Media3's ExtractorAsserts: truncations and corruptions of
 * valid inits and fragments must end in a clean {@link PipelineException} with an input error code,
 * never in another exception, a hang or a huge allocation.
 */
class ParserRobustnessTest {
  enum Input {
    VIDEO_INIT(InitSegmentWriter.write(TestTracks.video1080p()), true),
    AUDIO_INIT(InitSegmentWriter.write(TestTracks.audio48kStereo()), true),
    VIDEO_FRAGMENT(
        FragmentWriter.writeFragment(
            TestTracks.video1080p(), 3, 360_000, TestTracks.videoGopWithBFrames()),
        false),
    AUDIO_SEGMENT(
        FragmentWriter.writeSegment(TestTracks.audio48kStereo(), 1, 0, TestTracks.aacFrames()),
        false);

    final byte[] bytes;
    final boolean init;

    Input(byte[] bytes, boolean init) {
      this.bytes = bytes;
      this.init = init;
    }

    /** Runs every reader that applies to this kind of input. */
    void readAll(ByteBuffer input) {
      List<Box> boxes = BoxReader.read(input);
      // Whatever parses must also serialize and dump.
      BoxWriter.write(boxes);
      BoxTreeDump.of(boxes);
      if (init) {
        InitSegmentReader.read(input);
      } else {
        FragmentReader.read(input);
        SegmentRewriter.rewrite(input, 5);
      }
    }
  }

  /** Runs {@code read} and fails on anything other than success or an input PipelineException. */
  private static void assertParsesOrFailsCleanly(String what, Runnable read) {
    try {
      read.run();
    } catch (PipelineException e) {
      if (e.code().kind() != ErrorKind.INPUT) {
        fail(what + ": expected an INPUT error code, got " + e.code(), e);
      }
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      fail(what + ": threw " + e, e);
    }
  }

  private static void mutate(Input input, int position, Consumer<byte[]> change, String what) {
    byte[] copy = input.bytes.clone();
    change.accept(copy);
    assertParsesOrFailsCleanly(
        input + " " + what + " at " + position, () -> input.readAll(ByteBuffer.wrap(copy)));
  }

  /** Header offsets of every box in the tree (children last in their parent, as written). */
  private static List<Integer> boxOffsets(byte[] bytes) {
    List<Integer> offsets = new ArrayList<>();
    long offset = 0;
    for (Box box : BoxReader.read(bytes)) {
      collect(box, offset, offsets);
      offset += BoxWriter.size(box);
    }
    return offsets;
  }

  private static void collect(Box box, long offset, List<Integer> offsets) {
    offsets.add((int) offset);
    long childrenSize = box.children().stream().mapToLong(BoxWriter::size).sum();
    long childOffset = offset + BoxWriter.size(box) - childrenSize;
    for (Box child : box.children()) {
      collect(child, childOffset, offsets);
      childOffset += BoxWriter.size(child);
    }
  }

  @ParameterizedTest
  @EnumSource(Input.class)
  void readers_everyStrictPrefix_throwInputError(Input input) {
    for (int length = 0; length < input.bytes.length; length++) {
      ByteBuffer prefix = ByteBuffer.wrap(input.bytes, 0, length).slice();
      int at = length;
      assertThatThrownBy(
              () -> {
                if (input.init) {
                  InitSegmentReader.read(prefix);
                } else {
                  FragmentReader.read(prefix);
                }
              })
          .as("%s truncated to %d bytes", input, at)
          .isInstanceOf(PipelineException.class)
          .satisfies(
              e -> assertThat(((PipelineException) e).code().kind()).isEqualTo(ErrorKind.INPUT));
    }
  }

  @ParameterizedTest
  @EnumSource(Input.class)
  void boxReader_everyPrefix_parsesOrThrowsInputError(Input input) {
    for (int length = 0; length <= input.bytes.length; length++) {
      ByteBuffer prefix = ByteBuffer.wrap(input.bytes, 0, length).slice();
      assertParsesOrFailsCleanly(input + " prefix " + length, () -> BoxReader.read(prefix));
    }
  }

  @ParameterizedTest
  @EnumSource(Input.class)
  void readers_everySingleByteCorruption_parseOrThrowInputError(Input input) {
    for (int position = 0; position < input.bytes.length; position++) {
      int p = position;
      mutate(input, p, b -> b[p] = 0, "zero byte");
      mutate(input, p, b -> b[p] = (byte) 0xFF, "0xff byte");
      mutate(input, p, b -> b[p] ^= 0x01, "low bit flip");
      mutate(input, p, b -> b[p] ^= (byte) 0x80, "high bit flip");
    }
  }

  @ParameterizedTest
  @EnumSource(Input.class)
  void readers_corruptedSizeFields_parseOrThrowInputError(Input input) {
    int[] sizes = {0, 1, 7, 8, 9, 0x7FFF_FFFF, 0xFFFF_FFFF};
    for (int offset : boxOffsets(input.bytes)) {
      int original = ByteBuffer.wrap(input.bytes).getInt(offset);
      for (int size : sizes) {
        mutate(input, offset, b -> ByteBuffer.wrap(b).putInt(offset, size), "size " + size);
      }
      mutate(input, offset, b -> ByteBuffer.wrap(b).putInt(offset, original - 1), "size - 1");
      mutate(input, offset, b -> ByteBuffer.wrap(b).putInt(offset, original + 1), "size + 1");
    }
  }

  @ParameterizedTest
  @EnumSource(Input.class)
  void readers_randomMutationsWithFixedSeed_parseOrThrowInputError(Input input) {
    Random random = new Random(20_241_127L + input.ordinal());
    for (int round = 0; round < 2_000; round++) {
      int changes = 1 + random.nextInt(4);
      int[] positions = new int[changes];
      byte[] values = new byte[changes];
      for (int i = 0; i < changes; i++) {
        positions[i] = random.nextInt(input.bytes.length);
        values[i] = (byte) random.nextInt(256);
      }
      mutate(
          input,
          positions[0],
          b -> {
            for (int i = 0; i < changes; i++) {
              b[positions[i]] = values[i];
            }
          },
          "round " + round);
    }
  }
}
