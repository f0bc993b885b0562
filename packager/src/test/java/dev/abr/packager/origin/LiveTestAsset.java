package dev.abr.packager.origin;

import dev.abr.cmaf.CmafTrack;
import dev.abr.cmaf.Fragment;
import dev.abr.cmaf.FragmentReader;
import dev.abr.cmaf.InitSegmentReader;
import dev.abr.cmaf.box.Box;
import dev.abr.cmaf.box.BoxReader;
import dev.abr.cmaf.box.BoxWriter;
import dev.abr.cmaf.box.MovieFragmentBox;
import dev.abr.cmaf.box.TrackFragmentBaseMediaDecodeTimeBox;
import dev.abr.cmaf.box.TrackFragmentBox;
import dev.abr.core.message.RenditionInfo;
import dev.abr.core.message.TrackKind;
import dev.abr.core.time.Rational;
import dev.abr.media.FfmpegTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The CMAF segments of a live stream for browser tests: two H.264 renditions (640x360 and 320x180,
 * 30 fps, a key frame every 2 s) and one AAC rendition, cut into 2 s segments by the bundled
 * FFmpeg's HLS muxer ({@code {rendition}/init.mp4}, {@code {rendition}/{n}.m4s}), read back with
 * the packager's own CMAF readers.
 */
final class LiveTestAsset {
  /** One rendition: what the packager is told about it, its header and its segments in order. */
  record Track(RenditionInfo info, String codecs, byte[] init, List<Segment> segments) {}

  /** One segment: its bytes and its place on the track's timeline. */
  record Segment(byte[] bytes, long startTicks, long durationTicks) {}

  private static final List<String> RENDITIONS = List.of("360p", "180p", "audio");

  private LiveTestAsset() {}

  /**
   * Encodes {@code seconds} of test pattern and tone under {@code folder} and returns the
   * renditions, every one with the same number of segments (the shortest's).
   */
  static List<Track> generate(Path folder, int seconds) throws IOException, InterruptedException {
    Files.createDirectories(folder);
    run(
        folder,
        List.of(
            "-f",
            "lavfi",
            "-i",
            "testsrc2=size=640x360:rate=30:duration=" + seconds,
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000:duration=" + seconds,
            "-filter_complex",
            "[0:v]split=2[a][b];[a]scale=640:360[v0];[b]scale=320:180[v1]",
            "-map",
            "[v0]",
            "-map",
            "[v1]",
            "-map",
            "1:a",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-profile:v",
            "main",
            "-pix_fmt",
            "yuv420p",
            "-g",
            "60",
            "-keyint_min",
            "60",
            "-sc_threshold",
            "0",
            "-b:v:0",
            "600k",
            "-b:v:1",
            "250k",
            "-c:a",
            "aac",
            "-b:a",
            "96k",
            "-ac",
            "2",
            "-f",
            "hls",
            "-hls_time",
            "2",
            "-hls_playlist_type",
            "vod",
            "-hls_segment_type",
            "fmp4",
            "-hls_fmp4_init_filename",
            "init.mp4",
            "-hls_flags",
            "independent_segments",
            "-hls_segment_filename",
            "%v/%d.m4s",
            "-var_stream_map",
            "v:0,agroup:aud,name:360p v:1,agroup:aud,name:180p a:0,agroup:aud,name:audio",
            "%v/playlist.m3u8"));
    List<Track> tracks = new ArrayList<>();
    int count = Integer.MAX_VALUE;
    for (String name : RENDITIONS) {
      Path dir = folder.resolve(name);
      // The HLS muxer numbers the headers of its variants: init_0.mp4, init_1.mp4, …
      byte[] init = Files.readAllBytes(dir.resolve("init_" + RENDITIONS.indexOf(name) + ".mp4"));
      CmafTrack track = InitSegmentReader.read(init);
      List<Segment> segments = new ArrayList<>();
      for (int n = 0; Files.exists(dir.resolve(n + ".m4s")); n++) {
        byte[] bytes = Files.readAllBytes(dir.resolve(n + ".m4s"));
        Fragment fragment = FragmentReader.read(bytes);
        segments.add(
            new Segment(bytes, fragment.baseMediaDecodeTimeTicks(), fragment.durationTicks()));
      }
      count = Math.min(count, segments.size());
      tracks.add(new Track(info(name, track), track.codecs(), init, segments));
    }
    List<Track> trimmed = new ArrayList<>();
    for (Track track : tracks) {
      trimmed.add(
          new Track(
              track.info(), track.codecs(), track.init(), track.segments().subList(0, count)));
    }
    return trimmed;
  }

  /** Returns {@code segment} with its {@code tfdt} set to {@code decodeTimeTicks}. */
  static byte[] restamp(byte[] segment, long decodeTimeTicks) {
    List<Box> boxes = new ArrayList<>();
    for (BoxReader.PositionedBox positioned : BoxReader.readPositioned(ByteBuffer.wrap(segment))) {
      Box box = positioned.box();
      if (box instanceof MovieFragmentBox moof) {
        List<TrackFragmentBox> trafs = new ArrayList<>();
        for (TrackFragmentBox traf : moof.trackFragments()) {
          int version = traf.decodeTime().orElseThrow().version();
          trafs.add(
              new TrackFragmentBox(
                  traf.header(),
                  Optional.of(new TrackFragmentBaseMediaDecodeTimeBox(version, decodeTimeTicks)),
                  traf.runs(),
                  traf.otherBoxes()));
        }
        box = new MovieFragmentBox(moof.header(), trafs, moof.otherBoxes());
      }
      boxes.add(box);
    }
    return BoxWriter.write(boxes);
  }

  private static RenditionInfo info(String name, CmafTrack track) {
    if (track.kind() == TrackKind.AUDIO) {
      return new RenditionInfo(
          name,
          TrackKind.AUDIO,
          track.timescale(),
          96_000,
          0,
          0,
          Optional.empty(),
          48_000,
          2,
          Optional.empty());
    }
    boolean large = name.equals("360p");
    return new RenditionInfo(
        name,
        TrackKind.VIDEO,
        track.timescale(),
        large ? 600_000 : 250_000,
        large ? 640 : 320,
        large ? 360 : 180,
        Optional.of(Rational.of(30)),
        0,
        0,
        Optional.empty());
  }

  private static void run(Path workingFolder, List<String> arguments)
      throws IOException, InterruptedException {
    List<String> argv =
        new ArrayList<>(List.of("-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
    argv.addAll(arguments);
    Process process =
        FfmpegTools.command(FfmpegTools.ffmpeg(), argv)
            .directory(workingFolder.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("ffmpeg failed: " + argv + "\n" + output);
    }
  }
}
