package io.vmconsole.ipam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vmconsole.api.admission.Admission;
import io.vmconsole.api.admission.AdmissionRequest;
import io.vmconsole.api.admission.FieldError;
import io.vmconsole.api.ipam.LeaseNames;
import io.vmconsole.api.ipam.VirtualMachineIPAddress;
import io.vmconsole.api.ipam.VirtualMachineIPAddress.AddressType;
import io.vmconsole.api.ipam.VirtualMachineIPAddressLease;
import io.vmconsole.api.module.ModuleConfig;
import io.vmconsole.base.InvalidInputException;
import io.vmconsole.cluster.IpAddresses;
import io.vmconsole.cluster.IpLeases;
import io.vmconsole.cluster.ModuleConfigs;
import io.vmconsole.ipam.IpViews.Cell;
import io.vmconsole.ipam.IpViews.IpRow;
import io.vmconsole.ipam.IpViews.LeaseRow;
import io.vmconsole.ipam.IpViews.PoolMap;
import io.vmconsole.security.Access;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The IP screens' service: vmips per namespace, static reservations, keep-IP; leases and the pool
 * for admins.
 */
public class IpAddressService {
  private final IpAddresses addresses;
  private final IpLeases leases;
  private final ModuleConfigs modules;
  private final Admission admission;
  private final Access access;

  IpAddressService(
      IpAddresses addresses,
      IpLeases leases,
      ModuleConfigs modules,
      Admission admission,
      Access access) {
    this.addresses = addresses;
    this.leases = leases;
    this.modules = modules;
    this.admission = admission;
    this.access = access;
  }

  @PreAuthorize("@access.isSignedIn()")
  public List<IpRow> addresses(String namespace) {
    if (namespace == null || !access.canRead(namespace)) {
      return List.of();
    }
    return addresses.list().stream()
        .filter(v -> namespace.equals(v.getMetadata().getNamespace()))
        .map(IpAddressService::row)
        .sorted(Comparator.comparing(IpRow::name))
        .toList();
  }

  /**
   * Reserves an address by creating a Static vmip; refused input is reported per field, nothing
   * written.
   */
  @PreAuthorize("@access.canOperate(#namespace)")
  public void reserveStatic(String namespace, String name, String ip) {
    VirtualMachineIPAddress vmip = new VirtualMachineIPAddress();
    vmip.setMetadata(
        new ObjectMetaBuilder().withNamespace(namespace).withName(blankToNull(name)).build());
    vmip.setSpec(new VirtualMachineIPAddress.Spec(AddressType.Static, blankToNull(ip)));
    if (name != null && !name.isBlank() && addresses.get(namespace, name).isPresent()) {
      throw new InvalidInputException(
          "metadata.name", "a VirtualMachineIPAddress named " + name + " already exists");
    }
    List<FieldError> errors = review(vmip, null, namespace);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    addresses.create(namespace, name, AddressType.Static, ip, null);
  }

  /**
   * The vmip a VM uses, as its page shows it.
   *
   * @param kept true when the vmip has no owner, so it outlives the VM
   */
  public record VmIp(String vmipName, String address, boolean kept) {}

  /** The vmip attached to the VM, empty while it has none. */
  @PreAuthorize("@access.canRead(#namespace)")
  public Optional<VmIp> ipOf(String namespace, String vmName) {
    return addresses.list().stream()
        .filter(v -> namespace.equals(v.getMetadata().getNamespace()))
        .filter(v -> v.getStatus() != null && vmName.equals(v.getStatus().virtualMachineName()))
        .findFirst()
        .map(
            v ->
                new VmIp(
                    v.getMetadata().getName(),
                    v.getStatus() == null ? null : v.getStatus().address(),
                    v.getMetadata().getOwnerReferences().isEmpty()));
  }

  /** Deletes the vmip; its lease stays with the namespace for the retention period. */
  @PreAuthorize("@access.canOperate(#namespace)")
  public void release(String namespace, String name) {
    addresses.delete(namespace, name);
  }

  /**
   * Keep-IP: without owner references the vmip outlives its VM (the seed's {@code kubectl patch
   * vmip … ownerReferences: null}); switched off, the VM using it becomes its owner again.
   */
  @PreAuthorize("@access.canOperate(#namespace)")
  public void keepAfterVmDeletion(
      String namespace, String vmipName, boolean keep, String vmName, String vmUid) {
    if (keep) {
      addresses.dropOwnerReferences(namespace, vmipName);
    } else {
      addresses.setOwner(
          namespace,
          vmipName,
          new IpAddresses.OwnerRef(
              "virtualization.deckhouse.io/v1alpha2", "VirtualMachine", vmName, vmUid));
    }
  }

  @PreAuthorize("@access.isAdmin()")
  public List<LeaseRow> leases() {
    return leases.list().stream()
        .map(IpAddressService::leaseRow)
        .sorted(Comparator.comparing(LeaseRow::name))
        .toList();
  }

  @PreAuthorize("@access.isAdmin()")
  public List<PoolMap> pools() {
    Map<Long, Cell> states = new HashMap<>();
    for (VirtualMachineIPAddressLease l : leases.list()) {
      LeaseNames.toAddress(l.getMetadata().getName())
          .ifPresent(
              a ->
                  states.put(
                      PoolMaps.address(a),
                      IpLeases.RELEASED.equals(phase(l)) ? Cell.RELEASED : Cell.USED));
    }
    return PoolMaps.of(Pool.of(modules.cidrs()), states);
  }

  @PreAuthorize("@access.isAdmin()")
  public List<String> cidrs() {
    return modules.cidrs();
  }

  /**
   * Replaces the pool; ModuleConfigRules decide (aligned, no overlaps, none in use removed, not
   * emptied).
   */
  @PreAuthorize("@access.isAdmin()")
  public void saveCidrs(List<String> cidrs) {
    ModuleConfig next = new ModuleConfig();
    next.setMetadata(new ObjectMetaBuilder().withName(ModuleConfig.VIRTUALIZATION).build());
    ModuleConfig old = modules.virtualization().orElse(null);
    ObjectNode settings =
        old != null && old.getSpec() != null && old.getSpec().settings() instanceof ObjectNode o
            ? o.deepCopy()
            : Serialization.jsonMapper().createObjectNode();
    settings
        .putArray(ModuleConfig.CIDRS_SETTING)
        .addAll(
            cidrs.stream()
                .map(c -> Serialization.jsonMapper().getNodeFactory().textNode(c.trim()))
                .toList());
    next.setSpec(new ModuleConfig.Spec(true, 1, settings));
    List<FieldError> errors = review(next, old, null);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    modules.setCidrs(cidrs.stream().map(String::trim).toList());
  }

  private List<FieldError> review(HasMetadata object, HasMetadata old, String namespace) {
    String apiVersion = object.getApiVersion();
    int slash = apiVersion.indexOf('/');
    ObjectNode json = Serialization.jsonMapper().valueToTree(object);
    return admission
        .review(
            new AdmissionRequest(
                old == null ? AdmissionRequest.Operation.CREATE : AdmissionRequest.Operation.UPDATE,
                apiVersion.substring(0, slash),
                apiVersion.substring(slash + 1),
                object.getKind(),
                namespace,
                object.getMetadata().getName(),
                old == null ? null : Serialization.jsonMapper().valueToTree(old),
                json,
                null))
        .errors();
  }

  private static IpRow row(VirtualMachineIPAddress v) {
    VirtualMachineIPAddress.Status s = v.getStatus();
    return new IpRow(
        v.getMetadata().getNamespace(),
        v.getMetadata().getName(),
        v.getSpec() == null || v.getSpec().type() == null ? null : v.getSpec().type().name(),
        s == null ? null : s.address(),
        s == null || s.phase() == null ? VmipStatuses.PENDING : s.phase(),
        s == null ? null : s.virtualMachineName(),
        created(v),
        VmipStatuses.pendingMessage(s),
        v.getMetadata().getOwnerReferences().isEmpty());
  }

  private static LeaseRow leaseRow(VirtualMachineIPAddressLease l) {
    VirtualMachineIPAddressLease.IpAddressRef ref = IpAllocator.ref(l);
    return new LeaseRow(
        l.getMetadata().getName(),
        ref == null ? "" : Serialization.asJson(ref),
        phase(l),
        created(l));
  }

  private static String phase(VirtualMachineIPAddressLease l) {
    return l.getStatus() == null ? null : l.getStatus().phase();
  }

  private static Instant created(HasMetadata o) {
    return Optional.ofNullable(o.getMetadata().getCreationTimestamp())
        .map(Instant::parse)
        .orElse(null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
