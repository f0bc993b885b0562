@NullMarked
package dev.abr.core.source;

import org.jspecify.annotations.NullMarked;
