package dev.abr.cmaf.box;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The children of a container being parsed, with lookups that fail with the container's location.
 */
final class ChildBoxes {
  private final BoxInput in;
  private final List<Box> boxes;

  private ChildBoxes(BoxInput in, List<Box> boxes) {
    this.in = in;
    this.boxes = boxes;
  }

  /** Reads child boxes until the end of {@code in}. */
  static ChildBoxes read(BoxInput in) {
    return new ChildBoxes(in, BoxReader.readChildren(in));
  }

  /** Returns the one child of {@code type}; fails if there is none or more than one. */
  <T extends Box> T required(Class<T> type, FourCc code) {
    List<T> found = all(type);
    if (found.size() != 1) {
      throw in.fail("expected exactly one '" + code + "' child, found " + found.size());
    }
    return found.get(0);
  }

  /** Returns the child of {@code type} if present; fails if there is more than one. */
  <T extends Box> Optional<T> optional(Class<T> type, FourCc code) {
    List<T> found = all(type);
    if (found.size() > 1) {
      throw in.fail("expected at most one '" + code + "' child, found " + found.size());
    }
    return found.stream().findFirst();
  }

  /** Returns the children of {@code type}, in order. */
  <T extends Box> List<T> all(Class<T> type) {
    List<T> found = new ArrayList<>();
    for (Box box : boxes) {
      if (type.isInstance(box)) {
        found.add(type.cast(box));
      }
    }
    return found;
  }

  /** Returns every child not of one of {@code modelled}, in order. */
  List<Box> others(Class<?>... modelled) {
    List<Box> rest = new ArrayList<>();
    outer:
    for (Box box : boxes) {
      for (Class<?> type : modelled) {
        if (type.isInstance(box)) {
          continue outer;
        }
      }
      rest.add(box);
    }
    return rest;
  }

  /** Returns all children, in order. */
  List<Box> all() {
    return List.copyOf(boxes);
  }

  /** The location prefix for messages. */
  BoxInput input() {
    return in;
  }
}
