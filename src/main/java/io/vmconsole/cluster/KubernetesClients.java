package io.vmconsole.cluster;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vmconsole.api.ipam.VirtualMachineIPAddressLease;
import io.vmconsole.api.module.ModuleConfig;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * How this process builds its Kubernetes clients: every client on one shared Vert.x whose HTTP
 * clients use pooled TLS buffers.
 *
 * <p>Why: fabric8 (7.5.x) sets its own {@link JdkSSLEngineOptions} on every client, without pooled
 * heap buffers, and never calls its {@code additionalConfig} hook. Netty then allocates a fresh,
 * zeroed 16 KiB heap buffer for every TLS record the client writes; in IpamBenchmark that was 12 %
 * of the process's CPU. The one place the options can be seen before the client exists is {@link
 * Vertx#createHttpClient(HttpClientOptions)} on the Vert.x fabric8 is given, so that call is
 * intercepted there and everything else goes straight to the real instance.
 */
public final class KubernetesClients {

  private static final class Shared {
    static final Vertx VERTX = pooledTlsBuffers(newVertx());
  }

  private KubernetesClients() {}

  /**
   * The kinds of ours that clients decode straight into their classes. Unregistered, each object a
   * watch event carries is decoded into a generic resource and then converted into the class: twice
   * the work for every event a typed informer receives. Only kinds that nothing watches as generic
   * resources belong here: a registered kind's events reach a generic informer converted from the
   * class, without the fields the class does not model (a {@link ResourceCache} of such a kind is
   * refused).
   */
  static final List<Class<? extends CustomResource<?, ?>>> TYPED_KINDS =
      List.of(VirtualMachineIPAddressLease.class, ModuleConfig.class);

  /** A builder whose clients run on the shared Vert.x; closing a client leaves that running. */
  public static KubernetesClientBuilder builder() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    TYPED_KINDS.forEach(serialization::registerKubernetesResource);
    return new KubernetesClientBuilder()
        .withKubernetesSerialization(serialization)
        .withHttpClientFactory(new VertxHttpClientFactory(Shared.VERTX));
  }

  /**
   * As fabric8 makes its own: daemon threads (a client never keeps the JVM alive), no file caching,
   * and the JDK's name resolution (hosts file and nsswitch, as kubectl sees names) instead of
   * Vert.x's own DNS client.
   */
  private static Vertx newVertx() {
    String resolverProperty = "vertx.disableDnsResolver";
    String before = System.getProperty(resolverProperty);
    System.setProperty(resolverProperty, "true");
    try {
      return Vertx.vertx(
          new VertxOptions()
              .setUseDaemonThread(true)
              .setFileSystemOptions(
                  new FileSystemOptions()
                      .setFileCachingEnabled(false)
                      .setClassPathResolvingEnabled(false)));
    } finally {
      if (before == null) {
        System.clearProperty(resolverProperty);
      } else {
        System.setProperty(resolverProperty, before);
      }
    }
  }

  static Vertx pooledTlsBuffers(Vertx vertx) {
    InvocationHandler handler = (proxy, method, args) -> invoke(vertx, method, args);
    return (Vertx)
        Proxy.newProxyInstance(Vertx.class.getClassLoader(), new Class<?>[] {Vertx.class}, handler);
  }

  private static Object invoke(Vertx vertx, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("createHttpClient")
        && args != null
        && args.length > 0
        && args[0] instanceof HttpClientOptions options
        && options.getSslEngineOptions() instanceof JdkSSLEngineOptions jdk) {
      jdk.setPooledHeapBuffers(true);
    }
    try {
      return method.invoke(vertx, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
