/** Live streams: the registry of streams and their keys, and live ingest with reconnects. */
@NullMarked
package dev.abr.ingest.live;

import org.jspecify.annotations.NullMarked;
