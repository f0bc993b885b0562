/**
 * CMAF tracks (ISO/IEC 23000-19) for the pipeline: a {@link dev.abr.cmaf.CmafTrack} describes one
 * track; {@link dev.abr.cmaf.InitSegmentWriter} and {@link dev.abr.cmaf.InitSegmentReader} write
 * and read its CMAF header (init segment); {@link dev.abr.cmaf.FragmentWriter} and {@link
 * dev.abr.cmaf.FragmentReader} write and read its fragments ({@code moof}+{@code mdat}), and {@link
 * dev.abr.cmaf.SegmentRewriter} re-emits a fragment as a numbered segment.
 *
 * <p>Everything here is pure computation on bytes in memory: no I/O, no FFmpeg, no shared state;
 * every class is safe to use from any thread.
 */
@NullMarked
package dev.abr.cmaf;

import org.jspecify.annotations.NullMarked;
