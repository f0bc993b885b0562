@NullMarked
package dev.abr.ingest.vod;

import org.jspecify.annotations.NullMarked;
