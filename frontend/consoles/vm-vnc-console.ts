// @ts-ignore noVNC ships no types (see novnc.d.ts)
import RFB from '@novnc/novnc';
import { ConsoleSocket, ConsoleState, Holder, heldPanel, renderState } from './console-socket';
import { KEYSYM, LAYOUTS, plan } from './keymaps';

/** Delay between typed keys: QEMU's PS/2 queue is small and a TCG guest drains it slowly. */
const TYPE_DELAY_MS = 12;

/**
 * The VNC console: noVNC on the proxy's WebSocket. Text frames (the proxy's control messages) are
 * kept from noVNC, which expects nothing but RFB; each (re)connection gets a fresh RFB object.
 * Attributes: ws-path, mode (interactive|watch).
 */
class VmVncConsole extends HTMLElement {
  private rfb?: any;
  private socket?: ConsoleSocket;
  private channel?: any;
  private state!: HTMLElement;
  private screen!: HTMLElement;
  private warning!: HTMLElement;
  private scaling = 'fit';
  private layout = 'us';

  private pending?: number;

  connectedCallback() {
    // Flow may set the attributes right after inserting the element: read them a task later.
    this.pending = window.setTimeout(() => this.init());
  }

  private init() {
    this.innerHTML = '';
    this.classList.add('vm-console');
    const bar = document.createElement('div');
    bar.className = 'console-toolbar';
    this.state = document.createElement('span');
    this.state.className = 'console-state';
    this.warning = document.createElement('span');
    this.warning.className = 'console-warning';
    bar.append(this.state, this.scalingSelect(), this.keysMenu(), this.layoutSelect(),
      this.button('Paste as typing', 'console-paste-typing', () => this.pasteAsTyping()),
      this.button('Screenshot', 'console-screenshot', () => this.screenshot()),
      this.button('Full screen', 'console-fullscreen', () => this.requestFullscreen()),
      this.warning);
    this.screen = document.createElement('div');
    this.screen.className = 'console-screen vnc-screen';
    this.append(bar, this.screen);
    const interactive = this.getAttribute('mode') !== 'watch';
    this.socket = new ConsoleSocket(this.getAttribute('ws-path') ?? '', interactive ? 'interactive' : 'watch', {
      onSocket: (ws) => this.attach(ws),
      onBinary: (data) => this.channel?.onmessage?.({ data }),
      onState: (s, text, holder) => this.onState(s, text, holder),
    });
    this.socket.start();
  }

  disconnectedCallback() {
    window.clearTimeout(this.pending);
    this.socket?.stop();
    this.detachRfb();
  }

  /** Text typed into the guest as key presses in the chosen guest layout; exposed for the menu. */
  async typeText(text: string) {
    const { strokes, untypable } = plan(text, this.layout);
    this.warning.textContent = untypable.length
      ? `Cannot type in ${LAYOUTS[this.layout].label}: ${untypable.join(' ')} (skipped)` : '';
    for (const s of strokes) {
      if (s.shift) this.rfb?.sendKey(KEYSYM.ShiftL, 'ShiftLeft', true);
      if (s.altGr) this.rfb?.sendKey(KEYSYM.AltGr, 'AltRight', true);
      this.rfb?.sendKey(s.keysym, s.code, true);
      this.rfb?.sendKey(s.keysym, s.code, false);
      if (s.altGr) this.rfb?.sendKey(KEYSYM.AltGr, 'AltRight', false);
      if (s.shift) this.rfb?.sendKey(KEYSYM.ShiftL, 'ShiftLeft', false);
      await new Promise((r) => setTimeout(r, TYPE_DELAY_MS));
    }
  }

  private attach(ws: WebSocket) {
    this.detachRfb();
    // The RFB "raw channel" noVNC accepts instead of a URL: the real socket minus our text frames.
    const ch: any = {
      binaryType: 'arraybuffer', protocol: '', onopen: null, onmessage: null, onclose: null, onerror: null,
      get readyState() { return ws.readyState; },
      send: (d: any) => ws.send(withoutExtendedClipboard(d)),
      close: () => ws.close(),
    };
    ws.addEventListener('open', (e) => ch.onopen?.(e));
    ws.addEventListener('close', (e) => ch.onclose?.(e));
    ws.addEventListener('error', (e) => ch.onerror?.(e));
    this.channel = ch;
    this.rfb = new RFB(this.screen, ch, { shared: true });
    this.rfb.viewOnly = this.socket?.currentMode === 'watch';
    this.rfb.background = '#000';
    this.applyScaling();
  }

  private detachRfb() {
    if (this.rfb) {
      this.channel = undefined;
      try { this.rfb.disconnect(); } catch (e) { /* already gone */ }
      this.rfb = undefined;
    }
    if (this.screen) this.screen.innerHTML = '';
  }

  private onState(s: ConsoleState, text: string, holder?: Holder) {
    renderState(this.state, s, text);
    if (this.rfb) {
      this.rfb.viewOnly = s !== 'connected';
    }
    this.dataset.mode = s === 'connected' ? 'interactive' : 'watch';
    if (s === 'held') {
      this.querySelector('.console-held')?.remove();
      this.prepend(heldPanel(holder, [
        ['Take over', () => this.socket?.takeOverNow()],
        ['Wait', () => this.socket?.waitForIt()],
        ['Cancel', () => this.socket?.cancel()],
      ]));
    }
  }

  private applyScaling() {
    if (!this.rfb) return;
    this.rfb.scaleViewport = this.scaling === 'fit';
    this.rfb.resizeSession = this.scaling === 'remote';
    this.rfb.clipViewport = this.scaling === 'none';
  }

  private scalingSelect() {
    const s = this.select('console-scaling', [['none', 'No scaling'], ['fit', 'Fit to window'], ['remote', 'Remote resize']]);
    s.value = this.scaling;
    s.addEventListener('change', () => { this.scaling = s.value; this.applyScaling(); });
    return s;
  }

  private layoutSelect() {
    const s = this.select('console-layout', Object.entries(LAYOUTS).map(([k, v]) => [k, `Guest layout: ${v.label}`]));
    s.title = 'The keyboard layout the guest uses, for "Paste as typing"';
    s.addEventListener('change', () => { this.layout = s.value; });
    return s;
  }

  private keysMenu() {
    const keys: Array<[string, string, () => void]> = [
      ['cad', 'Ctrl+Alt+Del', () => this.rfb?.sendCtrlAltDel()],
      ...Array.from({ length: 12 }, (_, i) => [`caf${i + 1}`, `Ctrl+Alt+F${i + 1}`,
        () => this.combo([[KEYSYM.ControlL, 'ControlLeft'], [KEYSYM.AltL, 'AltLeft'], [KEYSYM.F1 + i, `F${i + 1}`]])] as
        [string, string, () => void]),
      ['tab', 'Tab', () => this.combo([[KEYSYM.Tab, 'Tab']])],
      ['esc', 'Esc', () => this.combo([[KEYSYM.Escape, 'Escape']])],
      ['print', 'PrintScreen', () => this.combo([[KEYSYM.Print, 'PrintScreen']])],
    ];
    const s = this.select('console-send-keys', [['', 'Send keys…'], ...keys.map(([v, l]) => [v, l] as [string, string])]);
    s.addEventListener('change', () => {
      keys.find(([v]) => v === s.value)?.[2]();
      s.value = '';
      this.rfb?.focus();
    });
    return s;
  }

  /** Presses the keys in order and releases them in reverse, as a person would. */
  private combo(keys: Array<[number, string]>) {
    keys.forEach(([sym, code]) => this.rfb?.sendKey(sym, code, true));
    [...keys].reverse().forEach(([sym, code]) => this.rfb?.sendKey(sym, code, false));
  }

  private async pasteAsTyping() {
    let text = '';
    try {
      text = await navigator.clipboard.readText();
    } catch (e) {
      this.warning.textContent = 'The browser did not allow reading the clipboard';
      return;
    }
    await this.typeText(text);
    this.rfb?.focus();
  }

  private screenshot() {
    this.rfb?.toBlob((blob: Blob) => {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `${this.getAttribute('vm-name') ?? 'vm'}-screen.png`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    }, 'image/png');
  }

  private select(cls: string, options: Array<[string, string]>) {
    const s = document.createElement('select');
    s.className = cls;
    for (const [value, label] of options) {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = label;
      s.append(o);
    }
    return s;
  }

  private button(label: string, cls: string, action: () => void) {
    const b = document.createElement('button');
    b.textContent = label;
    b.className = cls;
    b.addEventListener('click', action);
    return b;
  }
}

/** The ExtendedClipboard pseudo-encoding (0xC0A1E5CE) as the signed int RFB carries. */
const EXTENDED_CLIPBOARD = 0xc0a1e5ce | 0;

/**
 * Drops ExtendedClipboard from noVNC's SetEncodings. With it, QEMU and noVNC exchange ClientCutText
 * messages with a negative length, which the node agent's RFB input filter (v1) cannot frame: it
 * stops forwarding input. The guest has no VNC clipboard anyway (paste is typed), so nothing is lost.
 */
function withoutExtendedClipboard(d: any): any {
  if (!(d instanceof Uint8Array) || d.length < 4 || d[0] !== 2) {
    return d;
  }
  const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const count = view.getUint16(2);
  if (d.length !== 4 + 4 * count) {
    return d;
  }
  const kept: number[] = [];
  for (let i = 0; i < count; i++) {
    const enc = view.getInt32(4 + 4 * i);
    if (enc !== EXTENDED_CLIPBOARD) kept.push(enc);
  }
  const out = new Uint8Array(4 + 4 * kept.length);
  const w = new DataView(out.buffer);
  w.setUint8(0, 2);
  w.setUint16(2, kept.length);
  kept.forEach((enc, i) => w.setInt32(4 + 4 * i, enc));
  return out;
}

customElements.define('vm-vnc-console', VmVncConsole);
