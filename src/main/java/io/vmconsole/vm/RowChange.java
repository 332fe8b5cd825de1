package io.vmconsole.vm;

import java.util.Optional;

/**
 * What a change to one VM means for a list showing the rows of a query. Fetching the whole list
 * again re-renders every row, and a checkbox clicked meanwhile can lose its selection, so the list
 * is fetched again only when it must be.
 */
public enum RowChange {
  /** Neither before nor after in the list: another namespace, or filtered out. */
  NONE,
  /** In the list before and after, at the same place: the row is re-sent alone. */
  IN_PLACE,
  /** The row came, went, or moved under the sort: the list is fetched again. */
  RELOAD;

  /**
   * @param before the row as the list last counted it, or null when it was not in the list
   * @param now the row as the query sees it now, empty when it is not (or no longer) in the list
   */
  public static RowChange of(VmSummary before, Optional<VmSummary> now, VmSort sort) {
    if (before == null) {
      return now.isPresent() ? RELOAD : NONE;
    }
    return now.isPresent() && sort.samePlace(before, now.get()) ? IN_PLACE : RELOAD;
  }
}
