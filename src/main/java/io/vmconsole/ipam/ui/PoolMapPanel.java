package io.vmconsole.ipam.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import io.vmconsole.ipam.IpViews.Cell;
import io.vmconsole.ipam.IpViews.PoolMap;
import java.util.List;
import java.util.Map;

/**
 * Each CIDR of the pool drawn as one square per address (used / released-in-retention / free;
 * network, broadcast, gateway and DNS grey), with the counts; inline styles, so the theme bundle
 * stays untouched.
 */
class PoolMapPanel extends Div {
  private static final Map<Cell, String> COLORS =
      Map.of(
          Cell.USED, "var(--lumo-primary-color)",
          Cell.RELEASED, "var(--lumo-warning-color, #f5a623)",
          Cell.FREE, "var(--lumo-contrast-10pct)",
          Cell.RESERVED, "var(--lumo-contrast-40pct)");

  PoolMapPanel() {
    setId("pool-maps");
  }

  void show(List<PoolMap> maps) {
    removeAll();
    for (PoolMap map : maps) {
      Div block = new Div();
      block.addClassName("pool-map");
      block.getElement().setAttribute("data-cidr", map.cidr());
      H4 title = new H4(map.cidr());
      Span counts =
          new Span(
              "used "
                  + map.used()
                  + " · released "
                  + map.released()
                  + " · free "
                  + map.free()
                  + " · reserved "
                  + map.reserved());
      counts.addClassName("pool-counts");
      block.add(title, counts);
      if (!map.cells().isEmpty()) {
        block.add(cells(map));
      }
      add(block);
    }
  }

  private static Div cells(PoolMap map) {
    Div grid = new Div();
    grid.getStyle()
        .set("display", "grid")
        .set("grid-template-columns", "repeat(32, 12px)")
        .set("gap", "2px")
        .set("margin", "var(--lumo-space-s) 0");
    long network = io.vmconsole.api.validation.Ipv4.parseCidr(map.cidr()).orElseThrow().network();
    for (int i = 0; i < map.cells().size(); i++) {
      Cell cell = map.cells().get(i);
      Div square = new Div();
      String address = io.vmconsole.ipam.Pool.format(network + i);
      square.getElement().setAttribute("title", address + " " + cell.name().toLowerCase());
      square.getElement().setAttribute("data-address", address);
      square.getElement().setAttribute("data-state", cell.name().toLowerCase());
      square
          .getStyle()
          .set("width", "12px")
          .set("height", "12px")
          .set("border-radius", "2px")
          .set("background", COLORS.get(cell));
      grid.add(square);
    }
    return grid;
  }
}
