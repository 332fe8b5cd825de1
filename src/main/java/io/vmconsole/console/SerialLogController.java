package io.vmconsole.console;

import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The serial boot log (since the last power-on), to download; the agent's token stays here. */
@RestController
class SerialLogController {
  private final ConsoleService consoles;

  SerialLogController(ConsoleService consoles) {
    this.consoles = consoles;
  }

  @GetMapping("/console-api/serial-log/{namespace}/{name}")
  ResponseEntity<byte[]> log(
      @PathVariable String namespace,
      @PathVariable String name,
      @RequestParam(defaultValue = "false") boolean download)
      throws IOException {
    return consoles
        .serialLog(namespace, name)
        .map(
            bytes -> {
              var ok =
                  ResponseEntity.ok()
                      .contentType(MediaType.APPLICATION_OCTET_STREAM)
                      .header(HttpHeaders.CACHE_CONTROL, "no-store");
              if (download) {
                ok =
                    ok.header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + name + "-serial.log\"");
              }
              return ok.body(bytes);
            })
        .orElse(ResponseEntity.notFound().build());
  }
}
