package io.vmconsole.cluster.embedded;

import java.time.Duration;

/** Ages as kubectl prints them (a port of k8s.io/apimachinery/pkg/util/duration.HumanDuration). */
final class HumanDuration {

  private HumanDuration() {}

  static String of(Duration d) {
    if (d.compareTo(Duration.ofSeconds(-1)) < 0) {
      return "<invalid>";
    }
    if (d.isNegative()) {
      return "0s";
    }
    long seconds = d.getSeconds();
    if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = d.toMinutes();
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    }
    if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = d.toHours();
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    }
    if (hours < 24 * 365 * 8) {
      long dy = (hours / 24) % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }
}
