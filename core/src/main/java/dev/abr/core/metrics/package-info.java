@NullMarked
package dev.abr.core.metrics;

import org.jspecify.annotations.NullMarked;
