package dev.abr.media;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the scheduling priority of the calling thread: raises its Linux nice value with libc's
 * {@code setpriority}. On Linux the nice value belongs to one thread, and threads that thread
 * creates later (x264's) inherit it. Raising a nice value needs no privilege.
 *
 * <p>The call goes through the Foreign Function API, final since JDK 22. The code is built for Java
 * 21, where that API is a preview, so it is looked up by reflection: on JDK 21, on another
 * operating system, or when native access is denied, {@link #lower} does nothing and returns false.
 */
final class ThreadNice {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadNice.class);

  /** {@code PRIO_PROCESS}: with {@code who} 0, the calling thread on Linux. */
  private static final int PRIO_PROCESS = 0;

  /** The highest nice value. */
  static final int MAX = 19;

  private static final @Nullable MethodHandle SETPRIORITY = lookUp();

  private ThreadNice() {}

  /**
   * Sets the calling thread's nice value to {@code nice} (0 to {@value #MAX}; 0 changes nothing for
   * a thread at the default priority).
   *
   * @return true if the value was set
   */
  static boolean lower(int nice) {
    if (nice < 0 || nice > MAX) {
      throw new IllegalArgumentException("nice must be from 0 to " + MAX + ": " + nice);
    }
    if (nice == 0 || SETPRIORITY == null) {
      return false;
    }
    try {
      int result = (int) SETPRIORITY.invoke(PRIO_PROCESS, 0, nice);
      if (result != 0) {
        LOG.debug("setpriority({}) failed for thread {}", nice, Thread.currentThread().getName());
      }
      return result == 0;
    } catch (Throwable e) {
      LOG.debug("setpriority({}) failed: {}", nice, e.toString());
      return false;
    }
  }

  /** {@code int setpriority(int which, id_t who, int prio)}, or null where it cannot be called. */
  private static @Nullable MethodHandle lookUp() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
      return null;
    }
    try {
      Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
      Class<?> lookupType = Class.forName("java.lang.foreign.SymbolLookup");
      Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
      Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
      Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
      Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
      Object linker = linkerType.getMethod("nativeLinker").invoke(null);
      Object libc = linkerType.getMethod("defaultLookup").invoke(linker);
      Optional<?> symbol =
          (Optional<?>) lookupType.getMethod("find", String.class).invoke(libc, "setpriority");
      if (symbol.isEmpty()) {
        return null;
      }
      Object javaInt =
          Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
      Object arguments = Array.newInstance(layoutType, 3);
      for (int i = 0; i < 3; i++) {
        Array.set(arguments, i, javaInt);
      }
      Object descriptor =
          descriptorType
              .getMethod("of", layoutType, arguments.getClass())
              .invoke(null, javaInt, arguments);
      Object options = Array.newInstance(optionType, 0);
      return (MethodHandle)
          linkerType
              .getMethod("downcallHandle", segmentType, descriptorType, options.getClass())
              .invoke(linker, symbol.get(), descriptor, options);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.debug("thread priorities unavailable (needs JDK 22 or newer on Linux): {}", e.toString());
      return null;
    }
  }
}
