package dev.abr.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Kubernetes label selectors evaluated against a pod's labels. */
final class Selectors {
  private Selectors() {}

  /**
   * Whether {@code selector} selects {@code labels}: every {@code matchLabels} entry and every
   * {@code matchExpressions} requirement holds. An empty selector selects everything.
   */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    Map<String, String> matchLabels =
        selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    if (!labels.entrySet().containsAll(matchLabels.entrySet())) {
      return false;
    }
    List<LabelSelectorRequirement> expressions =
        selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
    for (LabelSelectorRequirement requirement : expressions) {
      String value = labels.get(requirement.getKey());
      List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
      boolean holds =
          switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default ->
                throw new IllegalArgumentException(
                    "unknown selector operator " + requirement.getOperator());
          };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a Service-style selector (labels only) selects {@code labels}; empty selects nothing.
   */
  static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return selector != null
        && !selector.isEmpty()
        && labels.entrySet().containsAll(selector.entrySet());
  }
}
