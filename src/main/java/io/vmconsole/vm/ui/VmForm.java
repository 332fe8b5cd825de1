package io.vmconsole.vm.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.api.validation.ObjectNames;
import io.vmconsole.vm.NewDisk;
import io.vmconsole.vm.VmEditService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VM form. It edits a VM object: {@link #read} fills the fields from it and {@link #write} puts
 * them back onto a copy, so whatever the form has no field for (affinity, tolerations, networks…)
 * passes through untouched from the YAML tab.
 */
final class VmForm extends VerticalLayout {
  static final int USER_DATA_LIMIT = 2048;
  static final String NONE = "None";
  static final String INLINE = "cloud-init (inline)";
  static final String CLOUD_INIT_SECRET = "cloud-init Secret";
  static final String SYSPREP_SECRET = "Sysprep Secret";

  private final VmEditService edits;
  final TextField name = new TextField("Name");
  final ComboBox<String> namespace = new ComboBox<>("Namespace");
  final Select<String> vmClass = new Select<>();
  final Span policy = new Span();
  final IntegerField cores = new IntegerField("Cores");
  final Select<String> coreFraction = new Select<>();
  final TextField memory = new TextField("Memory");
  final Select<String> runPolicy = new Select<>();
  final Select<String> approval = new Select<>();
  final TextField labels = new TextField("Labels");
  final TextField nodeSelector = new TextField("Node selector");
  final TextField ipAddress = new TextField("IP address (vmip)");
  final BootDevices devices = new BootDevices();
  final RadioButtonGroup<String> provisioning = new RadioButtonGroup<>();
  final TextArea userData = new TextArea("cloud-init user data");
  final Span userDataBytes = new Span();
  final TextField secretName = new TextField("Secret name");
  final com.vaadin.flow.component.button.Button toSecret =
      new com.vaadin.flow.component.button.Button("Keep this cloud-init in a Secret");
  private final List<Runnable> listeners = new ArrayList<>();
  private String followedName;

  VmForm(VmEditService edits, List<String> namespaces) {
    this.edits = edits;
    setPadding(false);
    name.setId("vm-name");
    namespace.setId("vm-namespace");
    namespace.setItems(namespaces);
    vmClass.setId("vm-class");
    vmClass.setLabel("Class");
    vmClass.setItems(edits.classNames());
    policy.setId("vm-class-policy");
    cores.setId("vm-cores");
    cores.setStepButtonsVisible(true);
    coreFraction.setId("vm-core-fraction");
    coreFraction.setLabel("Core fraction");
    memory.setId("vm-memory");
    memory.setHelperText("e.g. 1Gi, 512Mi");
    runPolicy.setId("vm-run-policy");
    runPolicy.setLabel("Run policy");
    runPolicy.setItems("AlwaysOnUnlessStoppedManually", "AlwaysOn", "Manual", "AlwaysOff");
    approval.setId("vm-restart-approval");
    approval.setLabel("Restart approval");
    approval.setItems("Manual", "Automatic");
    labels.setId("vm-labels");
    labels.setHelperText("key=value, separated by commas");
    nodeSelector.setId("vm-node-selector");
    nodeSelector.setHelperText("node labels key=value; affinity and anti-affinity in the YAML tab");
    ipAddress.setId("vm-ip");
    ipAddress.setPlaceholder("automatic");
    ipAddress.setHelperText(
        "empty: an address is allocated; or the name of an existing VirtualMachineIPAddress");
    provisioning.setId("vm-provisioning");
    provisioning.setLabel("Initial configuration");
    provisioning.setItems(NONE, INLINE, CLOUD_INIT_SECRET, SYSPREP_SECRET);
    userData.setId("vm-userdata");
    userData.setWidthFull();
    userData.setMinHeight("12em");
    userData.setValueChangeMode(ValueChangeMode.EAGER);
    userData.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
    userDataBytes.setId("userdata-bytes");
    secretName.setId("vm-provisioning-secret");
    toSecret.setId("userdata-to-secret");
    FormLayout basics =
        new FormLayout(
            name,
            namespace,
            vmClass,
            cores,
            coreFraction,
            memory,
            runPolicy,
            approval,
            labels,
            ipAddress,
            nodeSelector);
    add(
        basics,
        policy,
        new H4("Boot devices (drag to reorder: the order is the boot order)"),
        devices,
        new H4("Provisioning"),
        provisioning,
        userData,
        new com.vaadin.flow.component.orderedlayout.HorizontalLayout(userDataBytes, toSecret),
        secretName);
    name.addValueChangeListener(e -> followVmName(e.getValue()));
    vmClass.addValueChangeListener(e -> fractions());
    cores.addValueChangeListener(e -> fractions());
    provisioning.addValueChangeListener(e -> provisioningFields());
    userData.addValueChangeListener(e -> countBytes());
    for (HasValue<?, ?> f :
        List.<HasValue<?, ?>>of(
            name,
            namespace,
            vmClass,
            cores,
            coreFraction,
            memory,
            runPolicy,
            approval,
            labels,
            nodeSelector,
            ipAddress,
            provisioning,
            userData,
            secretName)) {
      f.addValueChangeListener(e -> listeners.forEach(Runnable::run));
    }
    devices.onChange(() -> listeners.forEach(Runnable::run));
    // Every keystroke reaches the server, so switching tabs or saving never misses the last edit.
    for (var f : List.of(name, memory, labels, nodeSelector, ipAddress, secretName)) {
      f.setValueChangeMode(ValueChangeMode.EAGER);
    }
    cores.setValueChangeMode(ValueChangeMode.EAGER);
    provisioningFields();
    countBytes();
  }

  /**
   * What a template named after the VM ("demo-vm-root", "demo-vm-cloud-init") follows the Name
   * field as it is typed, so two VMs made from one template share nothing. A name cleared on the
   * way, or not a valid name, keeps the last valid one: the name's own error says what is wrong.
   */
  private void followVmName(String typed) {
    String now = typed == null ? "" : typed.trim();
    if (!ObjectNames.isValid(now)) {
      return;
    }
    String before = followedName;
    followedName = now;
    if (before == null || before.equals(now)) {
      return;
    }
    devices.renamePrefix(before + "-", now + "-");
    String secret = secretName.getValue();
    if (secret.startsWith(before + "-")) {
      secretName.setValue(now + secret.substring(before.length()));
    }
  }

  void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** Fills the fields from the VM; the new disks are those the form itself will make. */
  void read(JsonNode vm, List<NewDisk> newDisks) {
    JsonNode meta = vm.path("metadata");
    JsonNode spec = vm.path("spec");
    name.setValue(meta.path("name").asText(""));
    namespace.setValue(meta.path("namespace").asText(null));
    String cls = spec.path("virtualMachineClassName").asText("");
    if (!cls.isEmpty() && !edits.classNames().contains(cls)) {
      List<String> items = new ArrayList<>(edits.classNames());
      items.add(cls);
      vmClass.setItems(items);
    }
    vmClass.setValue(cls.isEmpty() ? null : cls);
    JsonNode c = spec.path("cpu").path("cores");
    cores.setValue(c.isIntegralNumber() ? c.asInt() : null);
    fractions();
    String fraction = spec.path("cpu").path("coreFraction").asText("");
    if (!fraction.isEmpty()) {
      ensureFraction(fraction);
      coreFraction.setValue(fraction);
    }
    memory.setValue(spec.path("memory").path("size").asText(""));
    runPolicy.setValue(spec.path("runPolicy").asText("AlwaysOnUnlessStoppedManually"));
    approval.setValue(spec.path("disruptions").path("restartApprovalMode").asText("Manual"));
    labels.setValue(pairs(meta.path("labels")));
    nodeSelector.setValue(pairs(spec.path("nodeSelector")));
    ipAddress.setValue(spec.path("virtualMachineIPAddressName").asText(""));
    List<String[]> refs = new ArrayList<>();
    spec.path("blockDeviceRefs")
        .forEach(r -> refs.add(new String[] {r.path("kind").asText(), r.path("name").asText()}));
    devices.set(refs, newDisks);
    JsonNode p = spec.path("provisioning");
    String type = p.path("type").asText("");
    provisioning.setValue(
        switch (type) {
          case "UserData" -> INLINE;
          case "UserDataRef" -> CLOUD_INIT_SECRET;
          case "SysprepRef" -> SYSPREP_SECRET;
          default -> NONE;
        });
    userData.setValue(p.path("userData").asText(""));
    secretName.setValue(
        p.path("userDataRef").path("name").asText(p.path("sysprepRef").path("name").asText("")));
  }

  /** A copy of the VM with the form's fields written in. */
  ObjectNode write(ObjectNode base) {
    ObjectNode vm = base.deepCopy();
    ObjectNode meta = vm.with("metadata");
    meta.put("name", name.getValue().trim());
    if (namespace.getValue() != null) {
      meta.put("namespace", namespace.getValue());
    }
    setMap(meta, "labels", labels.getValue());
    ObjectNode spec = vm.with("spec");
    putText(spec, "virtualMachineClassName", vmClass.getValue());
    ObjectNode cpu = spec.with("cpu");
    if (cores.getValue() == null) {
      cpu.remove("cores");
    } else {
      cpu.put("cores", cores.getValue());
    }
    putText(cpu, "coreFraction", coreFraction.getValue());
    putText(spec.with("memory"), "size", memory.getValue());
    putText(spec, "runPolicy", runPolicy.getValue());
    putText(spec.with("disruptions"), "restartApprovalMode", approval.getValue());
    putText(spec, "virtualMachineIPAddressName", ipAddress.getValue());
    setMap(spec, "nodeSelector", nodeSelector.getValue());
    ArrayNode refs = spec.putArray("blockDeviceRefs");
    for (String[] r : devices.refs()) {
      refs.addObject().put("kind", r[0]).put("name", r[1]);
    }
    writeProvisioning(spec);
    return vm;
  }

  List<NewDisk> newDisks() {
    return devices.newDisks();
  }

  /** Marks the fields the errors name; the errors list beside the form says the rest. */
  void showErrors(List<FieldError> errors) {
    Map<String, HasValue<?, ?>> fields = new LinkedHashMap<>();
    fields.put("metadata.name", name);
    fields.put("metadata.namespace", namespace);
    fields.put("spec.virtualMachineClassName", vmClass);
    fields.put("spec.cpu.cores", cores);
    fields.put("spec.cpu.coreFraction", coreFraction);
    fields.put("spec.memory.size", memory);
    fields.put("spec.provisioning.userData", userData);
    fields.put("spec.provisioning.userDataRef", secretName);
    fields.put("spec.provisioning.sysprepRef", secretName);
    fields.put("metadata.labels", labels);
    fields.put("spec.nodeSelector", nodeSelector);
    fields.values().forEach(f -> invalid(f, null));
    for (FieldError e : errors) {
      fields.entrySet().stream()
          .filter(f -> e.field().startsWith(f.getKey()))
          .findFirst()
          .ifPresent(f -> invalid(f.getValue(), e.rule()));
    }
  }

  private static void invalid(HasValue<?, ?> field, String message) {
    if (field instanceof com.vaadin.flow.component.HasValidation v) {
      v.setInvalid(message != null);
      v.setErrorMessage(message);
    }
  }

  private void writeProvisioning(ObjectNode spec) {
    String mode = provisioning.getValue() == null ? NONE : provisioning.getValue();
    if (NONE.equals(mode)) {
      spec.remove("provisioning");
      return;
    }
    ObjectNode p = spec.putObject("provisioning");
    switch (mode) {
      case INLINE -> p.put("type", "UserData").put("userData", userData.getValue());
      case CLOUD_INIT_SECRET ->
          p.put("type", "UserDataRef")
              .putObject("userDataRef")
              .put("kind", "Secret")
              .put("name", secretName.getValue().trim());
      default ->
          p.put("type", "SysprepRef")
              .putObject("sysprepRef")
              .put("kind", "Secret")
              .put("name", secretName.getValue().trim());
    }
  }

  private void fractions() {
    String cls = vmClass.getValue();
    String current = coreFraction.getValue();
    int n = cores.getValue() == null ? 1 : Math.max(1, cores.getValue());
    List<String> allowed = cls == null ? List.of() : edits.coreFractions(cls, n);
    List<String> items = new ArrayList<>(allowed.isEmpty() ? List.of("100%") : allowed);
    if (current != null && !items.contains(current)) {
      items.add(current);
    }
    coreFraction.setItems(items);
    coreFraction.setValue(current);
    policy.setText(
        cls == null ? "" : "Sizing policy of " + cls + ": " + edits.sizingPolicy(cls, n));
  }

  private void ensureFraction(String fraction) {
    List<String> items = new ArrayList<>(coreFraction.getListDataView().getItems().toList());
    if (!items.contains(fraction)) {
      items.add(fraction);
      coreFraction.setItems(items);
    }
  }

  private void provisioningFields() {
    String mode = provisioning.getValue() == null ? NONE : provisioning.getValue();
    userData.setVisible(INLINE.equals(mode));
    userDataBytes.setVisible(INLINE.equals(mode));
    toSecret.setVisible(INLINE.equals(mode));
    secretName.setVisible(CLOUD_INIT_SECRET.equals(mode) || SYSPREP_SECRET.equals(mode));
  }

  private void countBytes() {
    int bytes = userData.getValue().getBytes(StandardCharsets.UTF_8).length;
    userDataBytes.setText(bytes + " / " + USER_DATA_LIMIT + " bytes");
    userDataBytes
        .getStyle()
        .set("color", bytes > USER_DATA_LIMIT ? "var(--lumo-error-text-color)" : "inherit");
  }

  private static void putText(ObjectNode node, String field, String value) {
    if (value == null || value.isBlank()) {
      node.remove(field);
    } else {
      node.put(field, value.trim());
    }
  }

  private static String pairs(JsonNode map) {
    List<String> out = new ArrayList<>();
    map.fields().forEachRemaining(e -> out.add(e.getKey() + "=" + e.getValue().asText()));
    return String.join(", ", out);
  }

  private static void setMap(ObjectNode parent, String field, String text) {
    ObjectNode map = parent.putObject(field);
    for (String pair : text.split(",")) {
      String p = pair.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      map.put(eq < 0 ? p : p.substring(0, eq).trim(), eq < 0 ? "" : p.substring(eq + 1).trim());
    }
    if (map.isEmpty()) {
      parent.remove(field);
    }
  }
}
