/**
 * {@code abr bench}: the pipeline side by side with the ffmpeg command line doing the same ladder
 * in one process on the same machine, alternating, with wall/CPU/RSS, quality and per-segment bit
 * rates.
 */
@NullMarked
package dev.abr.app.bench;

import org.jspecify.annotations.NullMarked;
