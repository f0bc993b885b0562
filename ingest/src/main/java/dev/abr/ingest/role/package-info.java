/** The ingest role: consumes submitted jobs from Kafka and runs VOD intake. */
@NullMarked
package dev.abr.ingest.role;

import org.jspecify.annotations.NullMarked;
