/**
 * Live streaming in a process: the stream registry, the RTMP (and SRT) servers and pulled sources
 * feeding {@link dev.abr.ingest.live.LiveIngest}, and the HTTP API that creates streams.
 */
@NullMarked
package dev.abr.app.live;

import org.jspecify.annotations.NullMarked;
