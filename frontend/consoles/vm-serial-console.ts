import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { ConsoleSocket, ConsoleState, Holder, heldPanel, renderState } from './console-socket';

/**
 * The serial console: xterm.js fed with binary frames (UTF-8 decoded by xterm across frame borders),
 * the boot log first (the proxy replays it on every connect), fitted to its box, with the
 * {@code stty} line the guest needs to know the size (serial has no SIGWINCH).
 * Attributes: ws-path, log-url, mode (interactive|watch).
 */
class VmSerialConsole extends HTMLElement {
  private term?: Terminal;
  private fit?: FitAddon;
  private socket?: ConsoleSocket;
  private resize?: ResizeObserver;
  private state!: HTMLElement;
  private hint!: HTMLElement;
  private screen!: HTMLElement;
  private silent!: HTMLElement;
  private silence?: number;
  private encoder = new TextEncoder();

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
    this.hint = document.createElement('code');
    this.hint.className = 'console-stty';
    this.hint.title = 'Serial lines carry no window size: run this in the guest after a resize';
    const copy = this.button('Copy', 'console-copy', () => this.copySelection());
    const paste = this.button('Paste', 'console-paste', () => this.paste());
    const log = document.createElement('a');
    log.className = 'console-download-log';
    log.textContent = 'Download boot log';
    log.href = (this.getAttribute('log-url') ?? '') + '?download=true';
    log.setAttribute('download', '');
    bar.append(this.state, this.hint, copy, paste, log);
    this.silent = this.silenceNotice();
    this.screen = document.createElement('div');
    this.screen.className = 'console-screen serial-screen';
    this.append(bar, this.silent, this.screen);

    const interactive = this.getAttribute('mode') !== 'watch';
    this.term = new Terminal({ scrollback: 10000, cursorBlink: true, disableStdin: !interactive, fontSize: 14 });
    this.fit = new FitAddon();
    this.term.loadAddon(this.fit);
    this.term.open(this.screen);
    this.term.onData((d) => this.type(d));
    this.term.onBinary((d) => this.socket?.send(Uint8Array.from(d, (c) => c.charCodeAt(0))));
    this.term.attachCustomKeyEventHandler((e) => this.shortcut(e));
    this.resize = new ResizeObserver(() => this.refit());
    this.resize.observe(this.screen);
    this.refit();

    this.socket = new ConsoleSocket(this.getAttribute('ws-path') ?? '', interactive ? 'interactive' : 'watch', {
      onBinary: (data) => this.output(data),
      onControl: (m) => this.control(m),
      onState: (s, text, holder) => this.onState(s, text, holder),
    });
    this.socket.start();
  }

  disconnectedCallback() {
    window.clearTimeout(this.pending);
    window.clearTimeout(this.silence);
    this.socket?.stop();
    this.resize?.disconnect();
    this.term?.dispose();
    this.term = undefined;
  }

  private control(m: any) {
    if (m.type === 'connected') {
      // The proxy replays the boot log right after this: start from a clean screen.
      this.term?.reset();
      // A guest that has written nothing since power-on leaves a blank screen: say why it may be blank.
      window.clearTimeout(this.silence);
      this.silence = window.setTimeout(() => {
        this.silent.hidden = false;
      }, 3000);
    }
  }

  private output(data: ArrayBuffer) {
    if (data.byteLength > 0) {
      window.clearTimeout(this.silence);
      this.silent.hidden = true;
    }
    this.term?.write(new Uint8Array(data));
  }

  private silenceNotice() {
    const notice = document.createElement('div');
    notice.className = 'console-silent';
    notice.hidden = true;
    const text = document.createElement('span');
    text.textContent = 'No output from the guest yet. A login prompt often appears only after Enter; if the '
      + 'screen stays blank, the guest may not use its serial port (Linux needs console=ttyS0 on the kernel '
      + 'command line).';
    notice.append(text);
    if (this.getAttribute('mode') !== 'watch') {
      notice.append(this.button('Press Enter', 'console-press-enter', () => {
        this.type('\r');
        this.term?.focus();
      }));
    }
    return notice;
  }

  private onState(s: ConsoleState, text: string, holder?: Holder) {
    renderState(this.state, s, text);
    if (s !== 'connected' && s !== 'watching') {
      window.clearTimeout(this.silence);
      this.silent.hidden = true;
    }
    const typing = s === 'connected';
    if (this.term) {
      this.term.options.disableStdin = !typing;
    }
    this.dataset.mode = typing ? 'interactive' : 'watch';
    if (s === 'held') {
      this.querySelector('.console-held')?.remove();
      this.prepend(heldPanel(holder, [
        ['Take over', () => this.socket?.takeOverNow()],
        ['Watch', () => this.socket?.watch()],
        ['Wait', () => this.socket?.waitForIt()],
        ['Cancel', () => this.socket?.cancel()],
      ]));
    }
  }

  private type(d: string) {
    if (this.socket?.currentMode === 'interactive') {
      this.socket.send(this.encoder.encode(d));
    }
  }

  private refit() {
    if (!this.term || !this.fit || this.screen.clientWidth === 0) {
      return;
    }
    this.fit.fit();
    this.hint.textContent = `stty rows ${this.term.rows} cols ${this.term.cols}`;
  }

  /** Ctrl+Shift+C / Ctrl+Shift+V copy and paste, as terminals do (plain Ctrl+C belongs to the guest). */
  private shortcut(e: KeyboardEvent): boolean {
    if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && (e.code === 'KeyC' || e.code === 'KeyV')) {
      if (e.code === 'KeyC') this.copySelection(); else this.paste();
      return false;
    }
    return true;
  }

  private copySelection() {
    const text = this.term?.getSelection();
    if (text) {
      navigator.clipboard?.writeText(text);
    }
  }

  private async paste() {
    const text = await navigator.clipboard?.readText();
    if (text) {
      this.type(text.replace(/\r?\n/g, '\r'));
    }
  }

  private button(label: string, cls: string, action: () => void) {
    const b = document.createElement('button');
    b.textContent = label;
    b.className = cls;
    b.addEventListener('click', action);
    return b;
  }
}

customElements.define('vm-serial-console', VmSerialConsole);
