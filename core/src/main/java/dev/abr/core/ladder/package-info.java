@NullMarked
package dev.abr.core.ladder;

import org.jspecify.annotations.NullMarked;
