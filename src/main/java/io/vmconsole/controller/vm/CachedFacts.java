package io.vmconsole.controller.vm;

import io.vmconsole.agent.AgentException;
import io.vmconsole.agent.PoolFile;
import io.vmconsole.api.core.SecretObject;
import io.vmconsole.api.disk.AttachmentObject;
import io.vmconsole.api.disk.DeviceRef;
import io.vmconsole.api.disk.DiskObject;
import io.vmconsole.api.disk.ImageObject;
import io.vmconsole.api.vm.VmObject;
import io.vmconsole.api.vmclass.VmClassObject;
import io.vmconsole.controller.runtime.ControllerContext;
import java.util.List;
import java.util.Optional;

/**
 * {@link VmInputs}' facts as the controller knows them: the informer caches, and the agents for
 * pool files. Device facts serve a namespace's devices (attachments); VM facts add the VM's class,
 * secrets, address and attachments.
 */
public final class CachedFacts {
  private final ControllerContext ctx;
  private final VmNetworks networks;

  public CachedFacts(ControllerContext ctx, VmNetworks networks) {
    this.ctx = ctx;
    this.networks = networks;
  }

  /** Facts of block devices only; no VM. */
  public static VmInputs.DeviceFacts devices(ControllerContext ctx) {
    return new Devices(ctx);
  }

  VmInputs.Facts of(VmObject vm) {
    return new Vm(ctx, networks, vm);
  }

  private static class Devices implements VmInputs.DeviceFacts {
    final ControllerContext ctx;

    Devices(ControllerContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Optional<DiskObject> disk(String namespace, String name) {
      return ctx.cached().disk(namespace, name);
    }

    @Override
    public Optional<ImageObject> image(DeviceRef ref, String namespace) {
      return ctx.cached().image(ref, namespace);
    }

    @Override
    public Optional<PoolFile> poolFile(String collection, String uid) {
      try {
        return ctx.anyAgent().flatMap(a -> a.poolFile(collection, uid));
      } catch (AgentException e) {
        return Optional.empty();
      }
    }

    @Override
    public Optional<PoolFile> poolFile(String collection, String uid, String node) {
      if (node == null) {
        return poolFile(collection, uid);
      }
      try {
        return ctx.agents().forNode(node).flatMap(a -> a.poolFile(collection, uid));
      } catch (AgentException e) {
        return Optional.empty();
      }
    }
  }

  private static final class Vm extends Devices implements VmInputs.Facts {
    private final VmNetworks networks;
    private final VmObject vm;

    Vm(ControllerContext ctx, VmNetworks networks, VmObject vm) {
      super(ctx);
      this.networks = networks;
      this.vm = vm;
    }

    @Override
    public Optional<VmClassObject> vmClass(String name) {
      return ctx.cached().vmClass(name);
    }

    @Override
    public Optional<SecretObject> secret(String namespace, String name) {
      return ctx.cached().secret(namespace, name);
    }

    @Override
    public VmNetwork network() {
      return networks.network(vm);
    }

    @Override
    public List<AttachmentObject> attachments() {
      return ctx.attachments(vm);
    }
  }
}
