/** The packager role: folds each stream's events into published segments and manifests. */
@NullMarked
package dev.abr.packager.stream;

import org.jspecify.annotations.NullMarked;
