@NullMarked
package dev.abr.core.storage;

import org.jspecify.annotations.NullMarked;
