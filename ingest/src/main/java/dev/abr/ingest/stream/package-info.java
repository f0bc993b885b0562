/**
 * Turning one source connection into chunks and audio segments of a stream: shared by VOD intake
 * (one connection) and live ingest (a stream whose publisher may drop and come back).
 */
@NullMarked
package dev.abr.ingest.stream;

import org.jspecify.annotations.NullMarked;
