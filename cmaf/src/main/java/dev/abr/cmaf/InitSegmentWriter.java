package dev.abr.cmaf;

import dev.abr.cmaf.box.AudioSampleEntry;
import dev.abr.cmaf.box.AvcConfigurationBox;
import dev.abr.cmaf.box.Box;
import dev.abr.cmaf.box.BoxWriter;
import dev.abr.cmaf.box.DataInformationBox;
import dev.abr.cmaf.box.DecoderConfigDescriptor;
import dev.abr.cmaf.box.ElementaryStreamDescriptorBox;
import dev.abr.cmaf.box.EsDescriptor;
import dev.abr.cmaf.box.HandlerBox;
import dev.abr.cmaf.box.MediaBox;
import dev.abr.cmaf.box.MediaHeaderBox;
import dev.abr.cmaf.box.MediaInformationBox;
import dev.abr.cmaf.box.MovieBox;
import dev.abr.cmaf.box.MovieExtendsBox;
import dev.abr.cmaf.box.MovieHeaderBox;
import dev.abr.cmaf.box.PixelAspectRatioBox;
import dev.abr.cmaf.box.SampleDescriptionBox;
import dev.abr.cmaf.box.SampleFlags;
import dev.abr.cmaf.box.SampleTableBox;
import dev.abr.cmaf.box.SlConfigDescriptor;
import dev.abr.cmaf.box.SoundMediaHeaderBox;
import dev.abr.cmaf.box.TrackBox;
import dev.abr.cmaf.box.TrackExtendsBox;
import dev.abr.cmaf.box.TrackHeaderBox;
import dev.abr.cmaf.box.TransformationMatrix;
import dev.abr.cmaf.box.VideoMediaHeaderBox;
import dev.abr.cmaf.box.VisualSampleEntry;
import java.util.List;
import java.util.Optional;

/**
 * Writes the CMAF header (init segment) of a track: {@code ftyp} with the {@link CmafBrands#HEADER}
 * brands and a {@code moov} with one track, empty sample tables and {@code mvex}/{@code trex}
 * (ISO/IEC 23000-19 §7.3.2.1). All times are 0 and durations 0, so the same track always gives the
 * same bytes.
 */
public final class InitSegmentWriter {
  /** Timescale of {@code mvhd}; only its (zero) duration uses it. */
  static final int MOVIE_TIMESCALE = 1000;

  private static final int TRACK_FLAGS =
      TrackHeaderBox.TRACK_ENABLED
          | TrackHeaderBox.TRACK_IN_MOVIE
          | TrackHeaderBox.TRACK_IN_PREVIEW;
  private static final int FULL_VOLUME = 0x0100;

  private InitSegmentWriter() {}

  /** Returns the init segment of {@code track}, in a new array the caller owns. */
  public static byte[] write(CmafTrack track) {
    return BoxWriter.write(boxes(track));
  }

  /** Returns the boxes of the init segment of {@code track}: {@code ftyp} and {@code moov}. */
  public static List<Box> boxes(CmafTrack track) {
    MovieHeaderBox movieHeader =
        MovieHeaderBox.forFragmentedFile(MOVIE_TIMESCALE, (long) track.trackId() + 1);
    TrackBox trak = new TrackBox(trackHeader(track), media(track), /* otherBoxes= */ List.of());
    // ISO/IEC 14496-12 §8.8.3: defaults unused, since every fragment carries explicit values.
    TrackExtendsBox trex = new TrackExtendsBox(track.trackId(), 1, 0, 0, SampleFlags.NONE);
    MovieBox moov =
        new MovieBox(
            movieHeader,
            List.of(trak),
            Optional.of(new MovieExtendsBox(List.of(trex), List.of())),
            List.of());
    return List.of(CmafBrands.HEADER, moov);
  }

  private static TrackHeaderBox trackHeader(CmafTrack track) {
    long width = 0;
    long height = 0;
    int volume = 0;
    switch (track.format()) {
      case VideoFormat video -> {
        width = video.displayWidthFixedPoint();
        height = (long) video.heightPixels() << 16;
      }
      case AudioFormat audio -> volume = FULL_VOLUME;
    }
    return new TrackHeaderBox(
        0,
        TRACK_FLAGS,
        0,
        0,
        track.trackId(),
        0,
        0,
        0,
        volume,
        TransformationMatrix.IDENTITY,
        width,
        height);
  }

  private static MediaBox media(CmafTrack track) {
    MediaHeaderBox mediaHeader =
        new MediaHeaderBox(0, 0, 0, track.timescale(), 0, track.language());
    return switch (track.format()) {
      case VideoFormat video ->
          new MediaBox(
              mediaHeader,
              new HandlerBox(HandlerBox.VIDEO, "VideoHandler"),
              new MediaInformationBox(
                  VideoMediaHeaderBox.DEFAULT,
                  DataInformationBox.SELF_CONTAINED,
                  SampleTableBox.forFragmentedFile(
                      new SampleDescriptionBox(List.of(videoSampleEntry(video)))),
                  List.of()),
              List.of());
      case AudioFormat audio ->
          new MediaBox(
              mediaHeader,
              new HandlerBox(HandlerBox.SOUND, "SoundHandler"),
              new MediaInformationBox(
                  SoundMediaHeaderBox.DEFAULT,
                  DataInformationBox.SELF_CONTAINED,
                  SampleTableBox.forFragmentedFile(
                      new SampleDescriptionBox(List.of(audioSampleEntry(audio)))),
                  List.of()),
              List.of());
    };
  }

  private static VisualSampleEntry videoSampleEntry(VideoFormat video) {
    PixelAspectRatioBox pasp =
        new PixelAspectRatioBox(
            video.pixelAspectRatio().numerator(), video.pixelAspectRatio().denominator());
    return VisualSampleEntry.avc1(
        video.widthPixels(),
        video.heightPixels(),
        new AvcConfigurationBox(video.configuration()),
        Optional.of(pasp));
  }

  private static AudioSampleEntry audioSampleEntry(AudioFormat audio) {
    DecoderConfigDescriptor decoderConfig =
        new DecoderConfigDescriptor(
            DecoderConfigDescriptor.AUDIO_ISO_14496_3,
            DecoderConfigDescriptor.STREAM_TYPE_AUDIO,
            /* upStream= */ false,
            /* bufferSizeBytes= */ 0,
            /* maxBitsPerSecond= */ 0,
            /* averageBitsPerSecond= */ 0,
            Optional.of(audio.config().bytes()));
    // ISO/IEC 14496-14: ES_ID is 0 as stored in a file.
    EsDescriptor es = new EsDescriptor(0, 0, decoderConfig, SlConfigDescriptor.MP4);
    // ISO/IEC 14496-12 §12.2.3: samplerate is 16.16; rates above 65535 Hz do not fit and are
    // written as 0 (the AudioSpecificConfig carries the real rate), as FFmpeg does.
    int sampleRateField = audio.sampleRate() <= 0xFFFF ? audio.sampleRate() : 0;
    return new AudioSampleEntry(
        1,
        audio.channelCount(),
        16,
        sampleRateField,
        new ElementaryStreamDescriptorBox(es),
        List.of());
  }
}
