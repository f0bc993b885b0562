package dev.abr.cmaf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.abr.cmaf.codec.AnnexB;
import dev.abr.cmaf.codec.AudioSpecificConfig;
import dev.abr.cmaf.codec.AvcDecoderConfigurationRecord;
import dev.abr.cmaf.codec.NalUnitType;
import dev.abr.media.FfmpegTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability: real libx264 and AAC encoder output, packaged by this module, read back by the
 * bundled {@code ffprobe}. FFmpeg's {@code tee} muxer writes the elementary stream and a {@code
 * framecrc} of the same packets (with their timestamps) in one encode.
 */
class FfprobeInteropTest {
  private static final int VIDEO_TIMESCALE = 90_000;
  private static final int FRAME_TICKS = 3600; // 25 fps
  private static final int FRAMES = 50;

  /** One packet line of a framecrc file: timestamps in the stream time base, key flag. */
  private record Packet(long dts, long pts, boolean key) {
    static Packet parse(String line) {
      String[] fields = line.split(",\\s*");
      boolean key = true;
      for (String field : fields) {
        // framecrc prints F= only when the flags are not exactly "key frame".
        if (field.startsWith("F=")) {
          key = (Integer.decode(field.substring(2)) & 1) != 0;
        }
      }
      return new Packet(Long.parseLong(fields[1]), Long.parseLong(fields[2]), key);
    }
  }

  private static String run(Path executable, List<String> arguments)
      throws IOException, InterruptedException {
    Process process = FfmpegTools.command(executable, arguments).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(out).isZero();
    return out;
  }

  private static List<Packet> packets(Path framecrc) throws IOException {
    return Files.readAllLines(framecrc).stream()
        .filter(line -> !line.startsWith("#"))
        .map(Packet::parse)
        .toList();
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** Groups Annex B NAL units into access units, each starting at an access unit delimiter. */
  private static List<List<ByteBuffer>> accessUnits(byte[] annexB) {
    List<List<ByteBuffer>> units = new ArrayList<>();
    for (ByteBuffer nalUnit : AnnexB.splitNalUnits(ByteBuffer.wrap(annexB))) {
      if (NalUnitType.of(nalUnit) == NalUnitType.AUD || units.isEmpty()) {
        units.add(new ArrayList<>());
      }
      units.get(units.size() - 1).add(nalUnit);
    }
    return units;
  }

  private static ByteBuffer annexB(List<ByteBuffer> nalUnits) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuffer nalUnit : nalUnits) {
      out.writeBytes(new byte[] {0, 0, 0, 1});
      byte[] bytes = new byte[nalUnit.remaining()];
      nalUnit.duplicate().get(bytes);
      out.writeBytes(bytes);
    }
    return ByteBuffer.wrap(out.toByteArray());
  }

  @Test
  void ffprobe_videoInitAndTwoFragmentsFromLibx264_readsEveryFrameWithKeyFramesAndPts(
      @TempDir Path dir) throws Exception {
    Path h264 = dir.resolve("video.h264");
    Path crc = dir.resolve("video.crc");
    run(
        FfmpegTools.ffmpeg(),
        List.of(
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=640x360:rate=25",
            "-frames:v",
            "" + FRAMES,
            "-c:v",
            "libx264",
            "-profile:v",
            "high",
            "-preset",
            "veryfast",
            "-pix_fmt",
            "yuv420p",
            "-threads",
            "1",
            "-bf",
            "2",
            "-g",
            "25",
            "-keyint_min",
            "25",
            "-sc_threshold",
            "0",
            "-x264-params",
            "aud=1",
            "-flags",
            "+bitexact",
            "-fflags",
            "+bitexact",
            "-map",
            "0:v",
            "-f",
            "tee",
            "[f=h264]" + h264 + "|[f=framecrc]" + crc));
    List<Packet> packets = packets(crc);
    List<List<ByteBuffer>> units = accessUnits(Files.readAllBytes(h264));
    assertThat(units).hasSameSizeAs(packets).hasSize(FRAMES);
    // libx264 puts SPS, PPS and its SEI in the first access unit: use them as the extradata.
    List<ByteBuffer> parameterSets =
        units.get(0).stream()
            .filter(
                n ->
                    NalUnitType.of(n) == NalUnitType.SPS
                        || NalUnitType.of(n) == NalUnitType.PPS
                        || NalUnitType.of(n) == NalUnitType.SEI)
            .toList();
    CmafTrack track =
        CmafTrack.video(
            VIDEO_TIMESCALE,
            VideoFormat.of(AvcDecoderConfigurationRecord.fromExtradata(annexB(parameterSets))));
    // Decode times start at 0 with the first frame's composition offset 0 (trun version 1).
    long shift = packets.get(0).pts() - packets.get(0).dts();
    List<List<Sample>> fragments = new ArrayList<>();
    for (int i = 0; i < FRAMES; i++) {
      Packet packet = packets.get(i);
      if (packet.key()) {
        fragments.add(new ArrayList<>());
      }
      fragments
          .get(fragments.size() - 1)
          .add(
              new Sample(
                  AnnexB.toLengthPrefixed(annexB(units.get(i))),
                  FRAME_TICKS,
                  (int) ((packet.pts() - packet.dts() - shift) * FRAME_TICKS),
                  packet.key()));
    }
    assertThat(fragments).hasSize(2);
    List<byte[]> parts = new ArrayList<>();
    parts.add(InitSegmentWriter.write(track));
    long decodeTime = 0;
    for (int f = 0; f < fragments.size(); f++) {
      parts.add(FragmentWriter.writeFragment(track, f + 1, decodeTime, fragments.get(f)));
      decodeTime += fragments.get(f).size() * (long) FRAME_TICKS;
    }
    Path mp4 = dir.resolve("video.mp4");
    Files.write(mp4, concat(parts));

    String probed =
        run(
            FfmpegTools.ffprobe(),
            List.of(
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-show_entries",
                "packet=pts,flags",
                "-of",
                "csv=p=0",
                mp4.toString()));
    String stream =
        run(
            FfmpegTools.ffprobe(),
            List.of(
                "-v",
                "error",
                "-count_frames",
                "-select_streams",
                "v:0",
                "-show_entries",
                "stream=codec_name,profile,width,height,nb_read_frames",
                "-of",
                "default=nw=1",
                mp4.toString()));

    List<String> lines = probed.lines().toList();
    assertThat(lines).hasSize(FRAMES);
    // FFmpeg's mov demuxer moves every timestamp later by the largest negative composition
    // offset (its dts_shift, here one frame) so that its dts never exceed pts; the presentation
    // times must therefore equal the encoder's up to one constant.
    List<Long> probedPts = lines.stream().map(line -> Long.parseLong(line.split(",")[0])).toList();
    long constant = probedPts.get(0) - packets.get(0).pts() * FRAME_TICKS;
    assertThat(probedPts)
        .isEqualTo(packets.stream().map(p -> p.pts() * FRAME_TICKS + constant).toList());
    assertThat(constant).isBetween(0L, 2L * FRAME_TICKS);
    assertThat(lines)
        .extracting(line -> line.split(",")[1].startsWith("K"))
        .isEqualTo(packets.stream().map(Packet::key).toList());
    assertThat(stream)
        .contains(
            "codec_name=h264",
            "profile=High",
            "width=640",
            "height=360",
            "nb_read_frames=" + FRAMES);
  }

  @Test
  void ffprobe_audioInitAndFragmentFromAacEncoder_readsEveryFrame(@TempDir Path dir)
      throws Exception {
    Path adts = dir.resolve("audio.aac");
    run(
        FfmpegTools.ffmpeg(),
        List.of(
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000:duration=1",
            "-ac",
            "2",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-flags",
            "+bitexact",
            "-fflags",
            "+bitexact",
            "-f",
            "adts",
            adts.toString()));
    byte[] stream = Files.readAllBytes(adts);
    List<Sample> frames = new ArrayList<>();
    byte[] config = null;
    int position = 0;
    while (position < stream.length) {
      // ISO/IEC 14496-3 §1.A.2.2 adts_fixed_header / adts_variable_header.
      boolean protectionAbsent = (stream[position + 1] & 0x1) == 1;
      int objectType = ((stream[position + 2] & 0xFF) >>> 6) + 1;
      int frequencyIndex = (stream[position + 2] >>> 2) & 0xF;
      int channels = ((stream[position + 2] & 0x1) << 2) | ((stream[position + 3] & 0xFF) >>> 6);
      int frameLength =
          ((stream[position + 3] & 0x3) << 11)
              | ((stream[position + 4] & 0xFF) << 3)
              | ((stream[position + 5] & 0xFF) >>> 5);
      int header = protectionAbsent ? 7 : 9;
      config =
          new byte[] {
            (byte) (objectType << 3 | frequencyIndex >>> 1),
            (byte) ((frequencyIndex & 1) << 7 | channels << 3)
          };
      frames.add(
          new Sample(
              ByteBuffer.wrap(stream, position + header, frameLength - header), 1024, 0, true));
      position += frameLength;
    }
    CmafTrack track =
        CmafTrack.audio(AudioFormat.of(AudioSpecificConfig.parse(ByteBuffer.wrap(config))));
    Path mp4 = dir.resolve("audio.mp4");
    Files.write(
        mp4,
        concat(
            List.of(
                InitSegmentWriter.write(track),
                FragmentWriter.writeFragment(track, 1, 0, frames))));

    String probed =
        run(
            FfmpegTools.ffprobe(),
            List.of(
                "-v",
                "error",
                "-count_frames",
                "-select_streams",
                "a:0",
                "-show_entries",
                "stream=codec_name,profile,sample_rate,channels,nb_read_frames",
                "-of",
                "default=nw=1",
                mp4.toString()));

    assertThat(track.codecs()).isEqualTo("mp4a.40.2");
    assertThat(probed)
        .contains(
            "codec_name=aac",
            "profile=LC",
            "sample_rate=48000",
            "channels=2",
            "nb_read_frames=" + frames.size());
  }
}
