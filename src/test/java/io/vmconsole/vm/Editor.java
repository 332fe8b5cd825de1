package io.vmconsole.vm;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * Drives the VM editor (create and edit) and the VM page in the browser, by the ids the views set.
 */
final class Editor {
  private final Page page;
  private final String baseUrl;

  Editor(Page page, String baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  /**
   * Waits until the server has answered every request in flight, as TestBench does: otherwise a
   * reply to an earlier click (a template filling the form) can overwrite what the test types next.
   */
  Editor settle() {
    page.waitForFunction(
        "() => !window.Vaadin || !window.Vaadin.Flow || !window.Vaadin.Flow.clients"
            + " || !Object.values(window.Vaadin.Flow.clients).some(c => c.isActive && c.isActive())");
    return this;
  }

  Editor openCreate() {
    page.navigate(baseUrl + "/vms/new");
    page.locator("#vm-name").waitFor();
    return settle();
  }

  Editor openEdit(String namespace, String name) {
    page.navigate(baseUrl + "/vms/" + namespace + "/" + name + "/edit");
    page.locator("#change-panel").waitFor();
    return settle();
  }

  Editor template(String title) {
    select("#vm-template", title);
    return this;
  }

  Editor text(String id, String value) {
    page.locator("#" + id + " input").fill(value);
    page.locator("#" + id + " input").blur();
    return settle();
  }

  String textValue(String id) {
    return page.locator("#" + id + " input").inputValue();
  }

  /**
   * Picks an item whose text starts with the given text (JavaScript regex: Playwright runs it in
   * the page).
   */
  Editor select(String selector, String item) {
    page.locator(selector).click();
    // The item's whole first word(s): "AlwaysOn" must not pick "AlwaysOnUnlessStoppedManually".
    String startsWith = "^\\s*" + item.replaceAll("[^A-Za-z0-9 ]", "\\\\$0") + "(\\s|$)";
    page.locator(
            "vaadin-select-item[role=option]:visible",
            new Page.LocatorOptions().setHasText(java.util.regex.Pattern.compile(startsWith)))
        .click();
    assertThat(page.locator(selector)).containsText(item);
    return settle();
  }

  Editor radio(String id, String label) {
    page.locator("#" + id + " vaadin-radio-button", new Page.LocatorOptions().setHasText(label))
        .click();
    return settle();
  }

  Editor userData(String value) {
    page.locator("#vm-userdata textarea").fill(value);
    return settle();
  }

  Editor addNewDisk(String name) {
    select("#device-kind", "New disk from image");
    page.locator("#device-name input").fill(name);
    page.locator("#device-add").click();
    return settle();
  }

  Editor addDevice(String kind, String name) {
    select("#device-kind", kind);
    page.locator("#device-name input").fill(name);
    page.locator("#device-add").click();
    return settle();
  }

  Editor yamlTab() {
    page.locator("vaadin-tab#tab-yaml").click();
    page.locator("#vm-yaml-editor textarea").waitFor();
    return settle();
  }

  Editor formTab() {
    page.locator("vaadin-tab#tab-form").click();
    return settle();
  }

  Editor yaml(String text) {
    page.locator("#vm-yaml-editor textarea").fill(text);
    return settle();
  }

  String yamlText() {
    return page.locator("#vm-yaml-editor textarea").inputValue();
  }

  void save() {
    settle();
    page.locator("#vm-save").click();
  }

  Locator errors() {
    return page.locator("#editor-errors .editor-error");
  }

  Locator changeRow(String field) {
    return page.locator(
        "#change-grid vaadin-grid-cell-content:visible",
        new Page.LocatorOptions().setHasText(field));
  }

  Locator changePanel() {
    return page.locator("#change-grid");
  }

  Locator banner() {
    return page.locator("#pending-restart");
  }
}
