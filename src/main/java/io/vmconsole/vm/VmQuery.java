package io.vmconsole.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the VM list asks for.
 *
 * @param namespace one namespace, or null for every namespace the user may read
 * @param phase one phase, or null for any
 * @param text words that must all match: {@code key=value} matches a label, {@code key} a label
 *     key, anything else a part of the name
 */
public record VmQuery(String namespace, String phase, String text) {

  public static final VmQuery ALL = new VmQuery(null, null, null);

  boolean matches(VmSummary vm) {
    if (namespace != null && !namespace.equals(vm.namespace())) {
      return false;
    }
    if (phase != null && !phase.equals(vm.phase())) {
      return false;
    }
    for (String word : words()) {
      if (!matchesWord(vm, word)) {
        return false;
      }
    }
    return true;
  }

  private List<String> words() {
    List<String> words = new ArrayList<>();
    if (text != null) {
      for (String w : text.trim().split("\\s+")) {
        if (!w.isEmpty()) {
          words.add(w);
        }
      }
    }
    return words;
  }

  private static boolean matchesWord(VmSummary vm, String word) {
    Map<String, String> labels = vm.labels();
    int eq = word.indexOf('=');
    if (eq > 0) {
      return word.substring(eq + 1).equals(labels.get(word.substring(0, eq)));
    }
    return vm.name().toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT))
        || labels.containsKey(word);
  }
}
