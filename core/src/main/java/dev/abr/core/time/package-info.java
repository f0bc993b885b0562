@NullMarked
package dev.abr.core.time;

import org.jspecify.annotations.NullMarked;
