package dev.abr.cmaf.box;

import dev.abr.cmaf.codec.AudioSpecificConfig;
import dev.abr.cmaf.codec.AvcDecoderConfigurationRecord;
import dev.abr.cmaf.codec.SequenceParameterSet;
import dev.abr.core.error.PipelineException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Renders a box tree as deterministic indented text, the format of {@code *.boxes.txt} golden
 * files: one box per line with its type, offset, size and decoded fields; sample table entries and
 * {@code trun} samples one per line below their box; byte payloads as their length plus hex when
 * short ({@value #HEX_LIMIT} bytes or fewer) or a SHA-256 prefix when longer. Sizes and offsets are
 * those the boxes serialize to, which equal the input's for anything this package wrote.
 */
public final class BoxTreeDump {
  static final int HEX_LIMIT = 32;
  private static final String INDENT = "  ";
  private static final HexFormat HEX = HexFormat.of();

  private BoxTreeDump() {}

  /**
   * Parses {@code bytes} (its remaining bytes; position unchanged) and renders the boxes.
   *
   * @throws PipelineException if the bytes are not well-formed boxes
   */
  public static String of(ByteBuffer bytes) {
    return of(BoxReader.read(bytes));
  }

  /** Parses {@code bytes} and renders the boxes; see {@link #of(ByteBuffer)}. */
  public static String of(byte[] bytes) {
    return of(ByteBuffer.wrap(bytes));
  }

  /** Renders {@code boxes} as if written one after the other from offset 0. */
  public static String of(List<? extends Box> boxes) {
    StringBuilder out = new StringBuilder();
    long offset = 0;
    for (Box box : boxes) {
      offset += dump(box, offset, 0, out);
    }
    return out.toString();
  }

  /** Appends {@code box} and its children; returns its size. */
  private static long dump(Box box, long offset, int depth, StringBuilder out) {
    long size = BoxWriter.size(box);
    String indent = INDENT.repeat(depth);
    out.append(indent).append(box.type()).append(" @").append(offset).append(" size=").append(size);
    List<String> details = new ArrayList<>();
    String fields = fields(box, details);
    if (!fields.isEmpty()) {
      out.append(' ').append(fields);
    }
    out.append('\n');
    for (String detail : details) {
      out.append(indent).append(INDENT).append("- ").append(detail).append('\n');
    }
    List<Box> children = box.children();
    long childrenSize = 0;
    for (Box child : children) {
      childrenSize += BoxWriter.size(child);
    }
    // Children always come last in a box's payload.
    long childOffset = offset + size - childrenSize;
    for (Box child : children) {
      childOffset += dump(child, childOffset, depth + 1, out);
    }
    return size;
  }

  /** Returns the one-line fields of {@code box}, adding per-entry lines to {@code details}. */
  private static String fields(Box box, List<String> details) {
    return switch (box) {
      case FileTypeBox b -> brands(b.majorBrand(), b.minorVersion(), b.compatibleBrands());
      case SegmentTypeBox b -> brands(b.majorBrand(), b.minorVersion(), b.compatibleBrands());
      case MovieBox b -> "";
      case MovieHeaderBox b ->
          fmt(
              "version=%d creationTime=%d modificationTime=%d timescale=%d duration=%d rate=%s volume=%s matrix=%s nextTrackId=%d",
              b.version(),
              b.creationTime(),
              b.modificationTime(),
              b.timescale(),
              b.duration(),
              fixed(b.rate() & 0xFFFF_FFFFL, 16),
              fixed(b.volume(), 8),
              matrix(b.matrix()),
              b.nextTrackId());
      case TrackBox b -> "";
      case TrackHeaderBox b ->
          fmt(
              "version=%d flags=%s trackId=%d duration=%d layer=%d alternateGroup=%d volume=%s matrix=%s width=%s height=%s",
              b.version(),
              trackHeaderFlags(b.flags()),
              b.trackId(),
              b.duration(),
              b.layer(),
              b.alternateGroup(),
              fixed(b.volume(), 8),
              matrix(b.matrix()),
              fixed(b.widthFixedPoint(), 16),
              fixed(b.heightFixedPoint(), 16));
      case MediaBox b -> "";
      case MediaHeaderBox b ->
          fmt(
              "version=%d creationTime=%d modificationTime=%d timescale=%d duration=%d language=%s",
              b.version(),
              b.creationTime(),
              b.modificationTime(),
              b.timescale(),
              b.duration(),
              b.language());
      case HandlerBox b -> fmt("handlerType=%s name=\"%s\"", b.handlerType(), b.name());
      case MediaInformationBox b -> "";
      case VideoMediaHeaderBox b ->
          fmt(
              "graphicsMode=%d opColor=%d,%d,%d",
              b.graphicsMode(), b.opColorRed(), b.opColorGreen(), b.opColorBlue());
      case SoundMediaHeaderBox b -> "balance=" + fixed(b.balance(), 8);
      case DataInformationBox b -> "";
      case DataReferenceBox b -> "entryCount=" + b.entries().size();
      case DataEntryUrlBox b ->
          b.selfContained() ? "selfContained" : "location=\"" + b.location() + "\"";
      case SampleTableBox b -> "";
      case SampleDescriptionBox b -> "entryCount=" + b.entries().size();
      case VisualSampleEntry b ->
          fmt(
              "dataReferenceIndex=%d width=%d height=%d horizontalResolution=%s verticalResolution=%s frameCount=%d compressorName=\"%s\" depth=0x%04x",
              b.dataReferenceIndex(),
              b.width(),
              b.height(),
              fixed(b.horizontalResolution(), 16),
              fixed(b.verticalResolution(), 16),
              b.frameCount(),
              b.compressorName(),
              b.depth());
      case AvcConfigurationBox b -> avcConfiguration(b.configuration(), details);
      case PixelAspectRatioBox b ->
          fmt("hSpacing=%d vSpacing=%d", b.horizontalSpacing(), b.verticalSpacing());
      case AudioSampleEntry b ->
          fmt(
              "dataReferenceIndex=%d channelCount=%d sampleSize=%d sampleRate=%d",
              b.dataReferenceIndex(), b.channelCount(), b.sampleSizeBits(), b.sampleRate());
      case ElementaryStreamDescriptorBox b -> elementaryStream(b.descriptor(), details);
      case TimeToSampleBox b -> {
        for (int i = 0; i < b.entries().size(); i++) {
          TimeToSampleBox.Entry e = b.entries().get(i);
          details.add(
              fmt(
                  "entry[%d] sampleCount=%d sampleDelta=%d",
                  i, e.sampleCount(), e.sampleDeltaTicks()));
        }
        yield "entryCount=" + b.entries().size();
      }
      case SampleToChunkBox b -> {
        for (int i = 0; i < b.entries().size(); i++) {
          SampleToChunkBox.Entry e = b.entries().get(i);
          details.add(
              fmt(
                  "entry[%d] firstChunk=%d samplesPerChunk=%d sampleDescriptionIndex=%d",
                  i, e.firstChunk(), e.samplesPerChunk(), e.sampleDescriptionIndex()));
        }
        yield "entryCount=" + b.entries().size();
      }
      case SampleSizeBox b -> {
        for (int i = 0; i < b.entrySizesBytes().size(); i++) {
          details.add(fmt("sample[%d] size=%d", i, b.entrySizesBytes().get(i)));
        }
        yield fmt("sampleSize=%d sampleCount=%d", b.sampleSizeBytes(), b.sampleCount());
      }
      case ChunkOffsetBox b -> {
        for (int i = 0; i < b.chunkOffsets().size(); i++) {
          details.add(fmt("chunk[%d] offset=%d", i, b.chunkOffsets().get(i)));
        }
        yield "entryCount=" + b.chunkOffsets().size();
      }
      case MovieExtendsBox b -> "";
      case TrackExtendsBox b ->
          fmt(
              "trackId=%d defaultSampleDescriptionIndex=%d defaultSampleDuration=%d defaultSampleSize=%d defaultSampleFlags=%s",
              b.trackId(),
              b.defaultSampleDescriptionIndex(),
              b.defaultSampleDurationTicks(),
              b.defaultSampleSizeBytes(),
              sampleFlags(b.defaultSampleFlags()));
      case MovieFragmentBox b -> "";
      case MovieFragmentHeaderBox b -> "sequenceNumber=" + b.sequenceNumber();
      case TrackFragmentBox b -> "";
      case TrackFragmentHeaderBox b -> trackFragmentHeader(b);
      case TrackFragmentBaseMediaDecodeTimeBox b ->
          fmt("version=%d baseMediaDecodeTime=%d", b.version(), b.baseMediaDecodeTimeTicks());
      case TrackRunBox b -> trackRun(b, details);
      case MediaDataBox b -> "data=" + bytes(b.data());
      case UnknownBox b -> "payload=" + bytes(b.payload());
    };
  }

  private static String brands(FourCc major, long minor, List<FourCc> compatible) {
    StringJoiner brands = new StringJoiner(",", "[", "]");
    compatible.forEach(brand -> brands.add(brand.toString()));
    return fmt("majorBrand=%s minorVersion=%d compatibleBrands=%s", major, minor, brands);
  }

  private static String trackHeaderFlags(int flags) {
    StringJoiner names = new StringJoiner(",", "[", "]");
    if ((flags & TrackHeaderBox.TRACK_ENABLED) != 0) {
      names.add("enabled");
    }
    if ((flags & TrackHeaderBox.TRACK_IN_MOVIE) != 0) {
      names.add("inMovie");
    }
    if ((flags & TrackHeaderBox.TRACK_IN_PREVIEW) != 0) {
      names.add("inPreview");
    }
    return hex24(flags) + names;
  }

  private static String avcConfiguration(
      AvcDecoderConfigurationRecord record, List<String> details) {
    StringBuilder fields =
        new StringBuilder(
            fmt(
                "codecs=%s profile=%d compatibility=0x%02x level=%d nalUnitLengthBytes=%d",
                record.codecs(),
                record.profileIndication(),
                record.profileCompatibility(),
                record.levelIndication(),
                record.nalUnitLengthBytes()));
    record
        .highProfileFields()
        .ifPresent(
            high -> {
              fields.append(
                  fmt(
                      " chromaFormat=%d bitDepthLuma=%d bitDepthChroma=%d",
                      high.chromaFormat(), high.bitDepthLuma(), high.bitDepthChroma()));
              List<ByteBuffer> extensions = high.sequenceParameterSetExtensions();
              for (int i = 0; i < extensions.size(); i++) {
                details.add(fmt("spsExt[%d] %s", i, bytes(extensions.get(i))));
              }
            });
    List<ByteBuffer> spss = record.sequenceParameterSets();
    for (int i = 0; i < spss.size(); i++) {
      details.add(fmt("sps[%d] %s", i, bytes(spss.get(i))));
      details.add(fmt("sps[%d] parsed: %s", i, sequenceParameterSet(spss.get(i))));
    }
    List<ByteBuffer> ppss = record.pictureParameterSets();
    for (int i = 0; i < ppss.size(); i++) {
      details.add(fmt("pps[%d] %s", i, bytes(ppss.get(i))));
    }
    return fields.toString();
  }

  private static String sequenceParameterSet(ByteBuffer nalUnit) {
    try {
      SequenceParameterSet sps = SequenceParameterSet.parse(nalUnit);
      return fmt(
          "profileIdc=%d constraintFlags=0x%02x levelIdc=%d chromaFormatIdc=%d bitDepth=%d/%d frameMbsOnly=%s size=%dx%d sar=%s",
          sps.profileIdc(),
          sps.constraintFlags(),
          sps.levelIdc(),
          sps.chromaFormatIdc(),
          sps.bitDepthLuma(),
          sps.bitDepthChroma(),
          sps.frameMbsOnly(),
          sps.widthPixels(),
          sps.heightPixels(),
          sps.sampleAspectRatio().map(Object::toString).orElse("unspecified"));
    } catch (PipelineException e) {
      return "unparsable (" + e.getMessage() + ")";
    }
  }

  private static String elementaryStream(EsDescriptor es, List<String> details) {
    DecoderConfigDescriptor config = es.decoderConfig();
    String info = config.decoderSpecificInfo().map(BoxTreeDump::bytes).orElse("none");
    if (config.objectTypeIndication() == DecoderConfigDescriptor.AUDIO_ISO_14496_3) {
      config
          .decoderSpecificInfo()
          .ifPresent(bytes -> details.add("audioSpecificConfig " + audioSpecificConfig(bytes)));
    }
    return fmt(
        "esId=%d streamPriority=%d objectTypeIndication=0x%02x streamType=%d upStream=%s bufferSize=%d maxBitrate=%d avgBitrate=%d decoderSpecificInfo=%s slConfigPredefined=%d",
        es.esId(),
        es.streamPriority(),
        config.objectTypeIndication(),
        config.streamType(),
        config.upStream(),
        config.bufferSizeBytes(),
        config.maxBitsPerSecond(),
        config.averageBitsPerSecond(),
        info,
        es.slConfig().predefined());
  }

  private static String audioSpecificConfig(ByteBuffer bytes) {
    try {
      AudioSpecificConfig asc = AudioSpecificConfig.parse(bytes);
      return fmt(
          "codecs=%s audioObjectType=%d samplingFrequency=%d channelConfiguration=%d",
          asc.codecs(), asc.audioObjectType(), asc.samplingFrequency(), asc.channelConfiguration());
    } catch (PipelineException e) {
      return "unparsable (" + e.getMessage() + ")";
    }
  }

  private static String trackFragmentHeader(TrackFragmentHeaderBox b) {
    StringBuilder fields =
        new StringBuilder(fmt("flags=%s trackId=%d", hex24(b.flags()), b.trackId()));
    b.baseDataOffset().ifPresent(v -> fields.append(" baseDataOffset=").append(v));
    b.sampleDescriptionIndex().ifPresent(v -> fields.append(" sampleDescriptionIndex=").append(v));
    b.defaultSampleDurationTicks()
        .ifPresent(v -> fields.append(" defaultSampleDuration=").append(v));
    b.defaultSampleSizeBytes().ifPresent(v -> fields.append(" defaultSampleSize=").append(v));
    b.defaultSampleFlags()
        .ifPresent(v -> fields.append(" defaultSampleFlags=").append(sampleFlags(v)));
    if (b.durationIsEmpty()) {
      fields.append(" durationIsEmpty");
    }
    if (b.defaultBaseIsMoof()) {
      fields.append(" defaultBaseIsMoof");
    }
    return fields.toString();
  }

  private static String trackRun(TrackRunBox b, List<String> details) {
    StringBuilder fields =
        new StringBuilder(
            fmt(
                "version=%d flags=%s sampleCount=%d",
                b.version(), hex24(b.flags()), b.samples().size()));
    b.dataOffset().ifPresent(v -> fields.append(" dataOffset=").append(v));
    b.firstSampleFlags().ifPresent(v -> fields.append(" firstSampleFlags=").append(sampleFlags(v)));
    for (int i = 0; i < b.samples().size(); i++) {
      TrackRunSample sample = b.samples().get(i);
      StringBuilder line = new StringBuilder("sample[" + i + "]");
      if (b.sampleFields().contains(TrackRunBox.SampleField.DURATION)) {
        line.append(" duration=").append(sample.durationTicks());
      }
      if (b.sampleFields().contains(TrackRunBox.SampleField.SIZE)) {
        line.append(" size=").append(sample.sizeBytes());
      }
      if (b.sampleFields().contains(TrackRunBox.SampleField.FLAGS)) {
        line.append(" flags=").append(sampleFlags(sample.flags()));
      }
      if (b.sampleFields().contains(TrackRunBox.SampleField.COMPOSITION_OFFSET)) {
        line.append(" compositionOffset=").append(sample.compositionOffsetTicks());
      }
      details.add(line.toString());
    }
    return fields.toString();
  }

  private static String sampleFlags(SampleFlags flags) {
    StringJoiner parts = new StringJoiner(",", "[", "]");
    parts.add(flags.isSync() ? "sync" : "nonSync");
    parts.add("dependsOn=" + flags.dependsOn());
    if (flags.isLeading() != 0) {
      parts.add("isLeading=" + flags.isLeading());
    }
    if (flags.isDependedOn() != 0) {
      parts.add("isDependedOn=" + flags.isDependedOn());
    }
    if (flags.hasRedundancy() != 0) {
      parts.add("hasRedundancy=" + flags.hasRedundancy());
    }
    if (flags.paddingValue() != 0) {
      parts.add("padding=" + flags.paddingValue());
    }
    if (flags.degradationPriority() != 0) {
      parts.add("degradationPriority=" + flags.degradationPriority());
    }
    return String.format(Locale.ROOT, "0x%08x", flags.bits()) + parts;
  }

  private static String matrix(TransformationMatrix matrix) {
    if (matrix.equals(TransformationMatrix.IDENTITY)) {
      return "identity";
    }
    return fmt(
        "[%d,%d,%d,%d,%d,%d,%d,%d,%d]",
        matrix.a(),
        matrix.b(),
        matrix.u(),
        matrix.c(),
        matrix.d(),
        matrix.v(),
        matrix.x(),
        matrix.y(),
        matrix.w());
  }

  /** Formats a fixed-point value exactly: {@code 1920}, or {@code 1920+1/2} style fractions. */
  private static String fixed(long value, int fractionBits) {
    long whole = value >> fractionBits;
    long fraction = value & ((1L << fractionBits) - 1);
    if (fraction == 0) {
      return Long.toString(whole);
    }
    long denominator = 1L << fractionBits;
    long gcd =
        java.math.BigInteger.valueOf(fraction)
            .gcd(java.math.BigInteger.valueOf(denominator))
            .longValue();
    return whole + "+" + (fraction / gcd) + "/" + (denominator / gcd);
  }

  private static String fmt(String template, Object... args) {
    return String.format(Locale.ROOT, template, args);
  }

  private static String hex24(int flags) {
    return String.format(Locale.ROOT, "0x%06x", flags);
  }

  /** Length plus hex for short payloads, length plus a SHA-256 prefix for long ones. */
  static String bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    if (bytes.length <= HEX_LIMIT) {
      return bytes.length + " bytes" + (bytes.length == 0 ? "" : " " + HEX.formatHex(bytes));
    }
    return bytes.length + " bytes sha256=" + HEX.formatHex(sha256(bytes), 0, 8);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
