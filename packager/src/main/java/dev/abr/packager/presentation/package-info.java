/** What the packager has published for a stream, and the manifests that describe it. */
@NullMarked
package dev.abr.packager.presentation;

import org.jspecify.annotations.NullMarked;
