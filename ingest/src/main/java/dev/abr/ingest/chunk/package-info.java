@NullMarked
package dev.abr.ingest.chunk;

import org.jspecify.annotations.NullMarked;
