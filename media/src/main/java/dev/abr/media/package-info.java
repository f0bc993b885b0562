/**
 * The only package that talks to FFmpeg (bytedeco JavaCPP presets). It converts FFmpeg's
 * microseconds and AVRationals into {@code dev.abr.core.time} types at its edge, and maps FFmpeg
 * errors to {@code PipelineException}s.
 */
@NullMarked
package dev.abr.media;

import org.jspecify.annotations.NullMarked;
