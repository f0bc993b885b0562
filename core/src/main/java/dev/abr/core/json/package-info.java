@NullMarked
package dev.abr.core.json;

import org.jspecify.annotations.NullMarked;
