@NullMarked
package dev.abr.ingest.audio;

import org.jspecify.annotations.NullMarked;
