/**
 * One console WebSocket with the proxy's protocol: binary frames are console bytes, text frames are
 * control messages ({type: connected|held|notRunning|takenOver|holder|session|lost|signedOut|closed}).
 * It reconnects by itself: with backoff after a lost connection, every few seconds while the VM is
 * not running (so a started VM reconnects without a reload); never while someone else holds the
 * console (the page asks the user what to do), nor once the user's session ended (signed out, or their
 * account changed): only signing in again helps then.
 */
export type ConsoleState = 'connecting' | 'connected' | 'watching' | 'held' | 'waiting' | 'notRunning' | 'takenOver'
  | 'lost' | 'signedOut' | 'cancelled';

export interface Holder { user: string; since: string; }

export interface ConsoleSocketHandlers {
  /** A fresh WebSocket exists (VNC hands it to noVNC here). */
  onSocket?(socket: WebSocket): void;
  onBinary?(data: ArrayBuffer): void;
  onControl?(message: any): void;
  onState(state: ConsoleState, text: string, holder?: Holder): void;
}

const NOT_RUNNING = 4404;
const HELD = 4409;
const SIGNED_OUT = 4401;
/** The servlet container closes a signed-in session's WebSockets with this when the session ends (logout). */
const POLICY_VIOLATION = 1008;
const RETRY_NOT_RUNNING_MS = 2000;
const RETRY_WAIT_MS = 3000;
const BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];

export class ConsoleSocket {
  private socket?: WebSocket;
  private timer?: number;
  private attempt = 0;
  private stopped = false;
  private lastControl?: any;
  private mode: 'interactive' | 'watch';
  private takeOver = false;
  /** Set by "Wait": retry interactively until the holder lets go. */
  private waiting = false;

  constructor(private path: string, mode: 'interactive' | 'watch', private handlers: ConsoleSocketHandlers) {
    this.mode = mode;
  }

  get currentMode() {
    return this.mode;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    window.clearTimeout(this.timer);
    this.socket?.close(1000);
    this.socket = undefined;
  }

  send(data: ArrayBuffer | Uint8Array | string) {
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.socket.send(data);
    }
  }

  /** Answers to "someone holds it". */
  takeOverNow() {
    this.mode = 'interactive';
    this.takeOver = true;
    this.reopen();
  }

  watch() {
    this.mode = 'watch';
    this.reopen();
  }

  waitForIt() {
    this.waiting = true;
    this.handlers.onState('waiting', 'Waiting for the console to be free…');
    this.schedule(RETRY_WAIT_MS);
  }

  cancel() {
    this.stop();
    this.handlers.onState('cancelled', 'Not connected');
  }

  private reopen() {
    this.stop();
    this.stopped = false;
    this.open();
  }

  private open() {
    window.clearTimeout(this.timer);
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const query = `?mode=${this.mode}${this.takeOver ? '&takeOver=true' : ''}`;
    this.takeOver = false;
    this.lastControl = undefined;
    const ws = new WebSocket(`${scheme}//${location.host}${this.path}${query}`);
    ws.binaryType = 'arraybuffer';
    this.socket = ws;
    if (!this.waiting) {
      this.handlers.onState('connecting', this.attempt === 0 ? 'Connecting…' : `Reconnecting (attempt ${this.attempt + 1})…`);
    }
    this.handlers.onSocket?.(ws);
    ws.addEventListener('message', (e) => {
      if (typeof e.data === 'string') {
        this.control(JSON.parse(e.data));
      } else {
        this.handlers.onBinary?.(e.data as ArrayBuffer);
      }
    });
    ws.addEventListener('close', (e) => this.closed(ws, e.code));
  }

  private control(m: any) {
    this.lastControl = m;
    switch (m.type) {
      case 'connected':
        this.attempt = 0;
        this.waiting = false;
        this.mode = m.mode;
        this.handlers.onState(m.mode === 'interactive' ? 'connected' : 'watching',
          m.mode === 'interactive' ? 'Connected' : 'Connected — watching (read-only)');
        break;
      case 'takenOver':
        this.mode = 'watch';
        this.handlers.onState('takenOver', `Taken over by ${m.by} — you are watching (read-only)`);
        break;
      default:
        break;
    }
    this.handlers.onControl?.(m);
  }

  private closed(ws: WebSocket, code: number) {
    if (ws !== this.socket || this.stopped) {
      return;
    }
    const last = this.lastControl;
    if (code === SIGNED_OUT || code === POLICY_VIOLATION || last?.type === 'signedOut') {
      this.handlers.onState('signedOut', `Disconnected: ${last?.reason ?? 'you were signed out'}.`);
    } else if (code === HELD || last?.type === 'held') {
      if (this.waiting) {
        this.schedule(RETRY_WAIT_MS);
      } else {
        this.handlers.onState('held', 'Console in use', last?.holder);
      }
    } else if (code === NOT_RUNNING || last?.type === 'notRunning') {
      this.attempt = 0;
      this.handlers.onState('notRunning', 'VM not running — will connect when it runs');
      this.schedule(RETRY_NOT_RUNNING_MS);
    } else {
      const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
      this.attempt++;
      this.handlers.onState('lost', `Connection lost (code ${code}) — reconnecting in ${Math.round(delay / 1000)} s`);
      this.schedule(delay);
    }
  }

  private schedule(ms: number) {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      if (!this.stopped) {
        this.open();
      }
    }, ms);
  }
}

/** Renders the state line and the "someone holds it" choice shared by both console elements. */
export function renderState(bar: HTMLElement, state: ConsoleState, text: string) {
  bar.dataset.state = state;
  bar.textContent = text;
}

export function heldPanel(holder: Holder | undefined, choices: Array<[string, () => void]>): HTMLElement {
  const panel = document.createElement('div');
  panel.className = 'console-held';
  panel.setAttribute('role', 'dialog');
  const who = document.createElement('p');
  who.className = 'console-held-text';
  const since = holder?.since ? new Date(holder.since).toLocaleString() : 'an unknown time';
  who.textContent = holder
    ? `This console is in use by ${holder.user} since ${since}.`
    : 'This console is in use by another user.';
  panel.append(who);
  for (const [label, action] of choices) {
    const b = document.createElement('button');
    b.textContent = label;
    b.addEventListener('click', () => {
      panel.remove();
      action();
    });
    panel.append(b);
  }
  return panel;
}
