package io.vmconsole.nodeagent.storage;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Serves byte arrays on 127.0.0.1 in fixed chunks with Content-Length. A gated file waits for one
 * {@link #release} permit after each chunk, so a test can look at the job between chunks without
 * sleeping.
 */
final class LoopbackFileServer implements AutoCloseable {
  private record Entry(byte[] data, int chunk, Semaphore gate) {}

  private final Map<String, Entry> files = new ConcurrentHashMap<>();
  private final HttpServer server;

  LoopbackFileServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          Entry e = files.get(exchange.getRequestURI().getPath());
          if (e == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          exchange.sendResponseHeaders(200, e.data().length);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int off = 0; off < e.data().length; off += e.chunk()) {
              out.write(e.data(), off, Math.min(e.chunk(), e.data().length - off));
              out.flush();
              if (e.gate() != null && !e.gate().tryAcquire(30, TimeUnit.SECONDS)) {
                return;
              }
            }
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
  }

  String serve(String path, byte[] data) {
    files.put(path, new Entry(data, 256 << 10, null));
    return url(path);
  }

  /** Served in {@code chunk}-byte pieces, each after a {@link #release}. */
  String serveGated(String path, byte[] data, int chunk, Semaphore gate) {
    files.put(path, new Entry(data, chunk, gate));
    return url(path);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
