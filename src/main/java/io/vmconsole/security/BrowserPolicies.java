package io.vmconsole.security;

/**
 * What the console tells browsers to allow. The Content-Security-Policy lets Vaadin, noVNC and
 * xterm.js work (Vaadin's client needs inline and eval'd scripts, its components inline styles,
 * noVNC data: and blob: images) and keeps the rest to the console itself: its protection is {@code
 * default-src 'self'}, {@code connect-src 'self'} (XHR and the console WebSockets go only back to
 * us), no plugins, no framing, no foreign base URL or form target.
 */
final class BrowserPolicies {

  static final String CONTENT_SECURITY_POLICY =
      String.join(
          "; ",
          "default-src 'self'",
          "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data: blob:",
          "font-src 'self' data:",
          "connect-src 'self'",
          "worker-src 'self' blob:",
          "object-src 'none'",
          "frame-ancestors 'none'",
          "base-uri 'self'",
          "form-action 'self'");

  /** No console page needs any of these devices. */
  static final String PERMISSIONS_POLICY =
      String.join(
          ", ",
          "camera=()",
          "microphone=()",
          "geolocation=()",
          "payment=()",
          "usb=()",
          "serial=()",
          "bluetooth=()",
          "midi=()",
          "magnetometer=()",
          "gyroscope=()",
          "accelerometer=()");

  private BrowserPolicies() {}
}
