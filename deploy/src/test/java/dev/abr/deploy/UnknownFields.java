package dev.abr.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fields a fabric8 model did not recognise. fabric8's models keep unknown YAML fields in {@code
 * additionalProperties} instead of failing, so a misspelt field ({@code terminationGracePeriod:})
 * would parse and then be ignored by the API server; this walks a parsed model and lists them.
 */
final class UnknownFields {
  private UnknownFields() {}

  /**
   * The paths ({@code spec.template.spec.containers[0].foo}) of every unknown field in {@code
   * model}.
   */
  static List<String> of(Object model) {
    List<String> unknown = new ArrayList<>();
    walk(model, "", unknown);
    return unknown;
  }

  private static void walk(Object value, String path, List<String> unknown) {
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", unknown);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        walk(entry.getValue(), path + "[" + entry.getKey() + "]", unknown);
      }
      return;
    }
    if (value == null
        || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || getter.getDeclaringClass() == Object.class
          || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
        continue;
      }
      Object child;
      try {
        child = getter.invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      String property = property(getter.getName());
      if (property.equals("additionalProperties")) {
        if (child instanceof Map<?, ?> extra) {
          extra.keySet().forEach(key -> unknown.add(join(path, String.valueOf(key))));
        }
      } else {
        walk(child, join(path, property), unknown);
      }
    }
  }

  private static String property(String getterName) {
    String bare = getterName.startsWith("is") ? getterName.substring(2) : getterName.substring(3);
    return bare.isEmpty() ? bare : Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
