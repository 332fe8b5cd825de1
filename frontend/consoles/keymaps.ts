/**
 * "Paste as typing": QEMU's VNC server has no clipboard for the guest, so text is typed as key
 * presses. Keys are sent as physical key codes (QEMU's extended key events), which the guest turns
 * into characters with ITS layout — so the table to use is the guest's layout, which the user picks.
 */
export interface Stroke { code: string; keysym: number; shift: boolean; altGr: boolean; }

type Layout = Record<string, [code: string, shift: boolean, altGr?: boolean]>;

function letters(swapYZ: boolean): Layout {
  const out: Layout = {};
  for (let c = 97; c <= 122; c++) {
    let ch = String.fromCharCode(c);
    if (swapYZ && (ch === 'y' || ch === 'z')) {
      ch = ch === 'y' ? 'z' : 'y';
    }
    const code = 'Key' + String.fromCharCode(c).toUpperCase();
    out[ch] = [code, false];
    out[ch.toUpperCase()] = [code, true];
  }
  return out;
}

function row(keys: string[], shifted: string, plain: string, out: Layout) {
  keys.forEach((code, i) => {
    if (plain[i] && plain[i] !== ' ') out[plain[i]] = [code, false];
    if (shifted[i] && shifted[i] !== ' ') out[shifted[i]] = [code, true];
  });
}

const DIGITS = ['Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5', 'Digit6', 'Digit7', 'Digit8', 'Digit9', 'Digit0'];
const COMMON: Layout = { ' ': ['Space', false], '\n': ['Enter', false], '\t': ['Tab', false] };

function us(): Layout {
  const l: Layout = { ...COMMON, ...letters(false) };
  row(DIGITS, '!@#$%^&*()', '1234567890', l);
  row(['Minus', 'Equal', 'BracketLeft', 'BracketRight', 'Backslash', 'Semicolon', 'Quote', 'Backquote', 'Comma',
    'Period', 'Slash'], '_+{}|:"~<>?', "-=[]\\;'`,./", l);
  return l;
}

function de(): Layout {
  const l: Layout = { ...COMMON, ...letters(true) };
  row(DIGITS, '!"§$%&/()=', '1234567890', l);
  row(['Minus', 'Equal', 'BracketLeft', 'BracketRight', 'Backslash', 'Semicolon', 'Quote', 'Backquote', 'Comma',
    'Period', 'Slash', 'IntlBackslash'], '?`Ü*\'ÖÄ°;:_>', 'ß´ü+#öä^,.-<', l);
  Object.assign(l, {
    '@': ['KeyQ', false, true], '{': ['Digit7', false, true], '[': ['Digit8', false, true],
    ']': ['Digit9', false, true], '}': ['Digit0', false, true], '\\': ['Minus', false, true],
    '~': ['BracketRight', false, true], '|': ['IntlBackslash', false, true], '€': ['KeyE', false, true],
  });
  return l;
}

export const LAYOUTS: Record<string, { label: string; table: Layout }> = {
  us: { label: 'English (US)', table: us() },
  de: { label: 'German', table: de() },
};

/** The keysym QEMU would see from a US keyboard at that position (used when scancodes are off). */
function keysymFor(ch: string): number {
  if (ch === '\n') return 0xff0d;
  if (ch === '\t') return 0xff09;
  const cp = ch.codePointAt(0)!;
  return cp < 0x100 ? cp : 0x1000000 + cp;
}

/** The strokes for {@code text} in the layout, and the characters it cannot type. */
export function plan(text: string, layout: string): { strokes: Stroke[]; untypable: string[] } {
  const table = (LAYOUTS[layout] ?? LAYOUTS.us).table;
  const strokes: Stroke[] = [];
  const untypable = new Set<string>();
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    const k = table[ch];
    if (!k) {
      untypable.add(ch);
      continue;
    }
    strokes.push({ code: k[0], keysym: keysymFor(ch), shift: k[1], altGr: !!k[2] });
  }
  return { strokes, untypable: [...untypable] };
}

export const KEYSYM = {
  ShiftL: 0xffe1, ControlL: 0xffe3, AltL: 0xffe9, AltGr: 0xfe03, Delete: 0xffff, Tab: 0xff09, Escape: 0xff1b,
  Print: 0xff61, F1: 0xffbe,
};
