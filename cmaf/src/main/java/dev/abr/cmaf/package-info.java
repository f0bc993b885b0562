/**
 * CMAF tracks (ISO/IEC 23000-19) for the pipeline: a {@link dev.abr.cmaf.CmafTrack} describes one
 * track; {@link dev.abr.cmaf.InitSegmentWriter} and {@link dev.abr.cmaf.InitSegmentReader} write
 * and read its CMAF header (init segment); {@link dev.abr.cmaf.FragmentWriter} and {@link
 * dev.abr.cmaf.FragmentReader} write and read its fragments ({@code moof}+{@code mdat}), and {@link
 * dev.abr.cmaf.SegmentRewriter} re-emits a fragment as a numbered segment.
 *
 * <p>Typical use by the transcoder, from libx264 output (Annex B extradata and packets):
 *
 * <pre>{@code
 * CmafTrack track = CmafTrack.video(90_000,
 *     VideoFormat.of(AvcDecoderConfigurationRecord.fromExtradata(extradata)));
 * byte[] init = InitSegmentWriter.write(track);
 * List<Sample> samples = ...; // per packet, in decode order:
 *     new Sample(AnnexB.toLengthPrefixed(packetData), durationTicks, ptsTicks - dtsTicks, key)
 * byte[] fragment = FragmentWriter.writeFragment(track, sequenceNumber, firstDtsTicks, samples);
 * }</pre>
 *
 * <p>and by the packager: {@code InitSegmentReader.read(init).codecs()}, {@code
 * FragmentReader.read(fragment).durationTicks()}, {@code SegmentRewriter.rewrite(fragment,
 * segmentNumber)}.
 *
 * <p>Everything here is pure computation on bytes in memory: no I/O, no FFmpeg, no shared state;
 * every class is safe to use from any thread.
 */
@NullMarked
package dev.abr.cmaf;

import org.jspecify.annotations.NullMarked;
