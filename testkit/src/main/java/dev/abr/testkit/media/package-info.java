/** Real short media made by the bundled FFmpeg for tests. */
@NullMarked
package dev.abr.testkit.media;

import org.jspecify.annotations.NullMarked;
