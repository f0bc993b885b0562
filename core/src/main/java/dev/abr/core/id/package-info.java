@NullMarked
package dev.abr.core.id;

import org.jspecify.annotations.NullMarked;
