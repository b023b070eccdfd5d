/*
 * JSON parsing with errors a person can act on: the line and column of the first error and what
 * was expected there. JSON.parse's own messages vary between Node versions, do not always give a
 * position, and quote the input (which may be about a case), so on failure a small scanner finds
 * the position itself. The scanner runs only on the failure path.
 */

/** Where and why a JSON text is not valid. */
export interface JsonErrorInfo {
  /** 1-based line of the error. */
  readonly line: number;
  /** 1-based column (in UTF-16 code units) of the error. */
  readonly column: number;
  /** 0-based offset into the text. */
  readonly offset: number;
  /** What went wrong, without quoting the input: e.g. `expected ',' or '}' after a property value`. */
  readonly reason: string;
}

/** The result of {@link parseJson}. */
export type JsonParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: JsonErrorInfo };

/** Parses JSON text (a leading byte-order mark is ignored). A key repeated in one object is an error (JSON.parse would keep the last silently). */
export function parseJson(text: string): JsonParseResult {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(t) as unknown;
  } catch {
    return { ok: false, error: locateJsonError(t) };
  }
  // Counting is cheaper than tracking every object's keys: only a text with more members than
  // the parsed value has keys repeats one, and only then is it looked for.
  const dup = membersIn(t) === keysIn(value) ? undefined : findDuplicateKey(t);
  return dup ? { ok: false, error: dup } : { ok: true, value };
}

/** The number of object members in a valid JSON text: the strings followed by a colon. */
function membersIn(s: string): number {
  let n = 0;
  let i = s.indexOf('"');
  while (i !== -1) {
    // The closing quote: the next one not escaped (preceded by an even number of backslashes).
    let j = s.indexOf('"', i + 1);
    for (;;) {
      let b = 0;
      while (s.charCodeAt(j - 1 - b) === 0x5c) b++;
      if ((b & 1) === 0) break;
      j = s.indexOf('"', j + 1);
    }
    let k = j + 1;
    let c = s.charCodeAt(k);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = s.charCodeAt(++k);
    if (c === 0x3a) n++;
    i = s.indexOf('"', k);
  }
  return n;
}

/** The objects and arrays still to visit in {@link keysIn}: kept from call to call (it never nests). */
const PENDING: object[] = [];

/**
 * The number of own keys of every object in a parsed JSON value. A loop over the values still to
 * visit, not a recursion: JSON.parse accepts nesting as deep as the text allows (a line of
 * 340 KB can nest 170,000 arrays), deeper than the call stack goes.
 */
function keysIn(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 0;
  const pending = PENDING;
  pending.length = 0;
  pending.push(v);
  let n = 0;
  while (pending.length > 0) {
    const x = pending.pop() as object;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const e: unknown = x[i];
        if (typeof e === 'object' && e !== null) pending.push(e);
      }
    } else
      for (const k in x) {
        n++;
        const e: unknown = (x as Record<string, unknown>)[k];
        if (typeof e === 'object' && e !== null) pending.push(e);
      }
  }
  return n;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 strictly: `undefined` when the bytes are not valid UTF-8 (never silently replaced). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The longest path a duplicate-key error shows (longer ones are cut). */
const PATH_MAX = 200;

/** Shows a key briefly in a message: quoted, cut after 40 characters. */
function shortKey(k: string): string {
  return JSON.stringify(k.length > 40 ? `${k.slice(0, 37)}...` : k);
}

/**
 * The first key repeated within one object of a text JSON.parse accepted, with its line, column
 * and path; `undefined` when every object's keys are unique.
 */
function findDuplicateKey(s: string): JsonErrorInfo | undefined {
  // Frames: a Set of the keys seen in an object, or the index of the current array element.
  const frames: (Set<string> | number)[] = [];
  const keys: (string | number)[] = [];
  let expectKey = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      let escaped = false;
      for (;;) {
        const q = s.charCodeAt(j);
        if (q === 0x5c) {
          escaped = true;
          j += 2;
        } else if (q === 0x22) break;
        else j++;
      }
      const top = frames[frames.length - 1];
      if (expectKey && top instanceof Set) {
        const key = escaped ? (JSON.parse(s.slice(i, j + 1)) as string) : s.slice(i + 1, j);
        if (top.has(key)) {
          const { line, column } = lineColumn(s, i);
          const whole = keys
            .slice(0, -1)
            .map((k) => (typeof k === 'number' ? `[${k}]` : `.${shortKey(k).slice(1, -1)}`))
            .join('')
            .replace(/^\./, '');
          // Cut, like every name from the input in an error: nesting can be as deep as the text allows.
          const path = whole.length > PATH_MAX ? `${whole.slice(0, PATH_MAX - 3)}...` : whole;
          return {
            line,
            column,
            offset: i,
            reason: `the key ${shortKey(key)} appears twice in the same object${path ? ` (at ${path})` : ''}; each key may appear once`,
          };
        }
        top.add(key);
        keys[keys.length - 1] = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b) {
      frames.push(new Set());
      keys.push('');
      expectKey = true;
    } else if (c === 0x5b) {
      frames.push(0);
      keys.push(0);
    } else if (c === 0x7d || c === 0x5d) {
      frames.pop();
      keys.pop();
    } else if (c === 0x2c) {
      const top = frames[frames.length - 1];
      if (typeof top === 'number') {
        frames[frames.length - 1] = top + 1;
        keys[keys.length - 1] = top + 1;
      } else expectKey = true;
    }
  }
  return undefined;
}

/** Line and column (1-based) of an offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class Fail extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

function describeAt(s: string, i: number): string {
  if (i >= s.length) return 'the end of the input';
  const c = s[i] as string;
  const code = c.charCodeAt(0);
  if (code < 0x20) return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  return `'${c}'`;
}

/** Finds the first error in a text that JSON.parse rejected. */
function locateJsonError(s: string): JsonErrorInfo {
  let i = 0;
  const ws = () => {
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const fail = (what: string): never => {
    throw new Fail(i, `expected ${what}, got ${describeAt(s, i)}`);
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++) {
      if (s[i] !== word[k]) fail(`'${word}'`);
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= s.length) fail("a closing '\"'");
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('a character other than a control character (escape it) inside a string');
      if (c === 0x5c) {
        i++;
        const e = s[i];
        if (e === 'u') {
          i++;
          for (let k = 0; k < 4; k++) {
            if (!/[0-9a-fA-F]/.test(s[i] ?? '')) fail('a hexadecimal digit in a \\u escape');
            i++;
          }
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
      } else i++;
    }
  };
  const digits = () => {
    if (!/[0-9]/.test(s[i] ?? '')) fail('a digit');
    while (/[0-9]/.test(s[i] ?? '')) i++;
  };
  const number = () => {
    if (s[i] === '-') i++;
    if (s[i] === '0') i++;
    else digits();
    if (s[i] === '.') {
      i++;
      digits();
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      digits();
    }
  };
  const value = (depth: number): void => {
    if (depth > 5000) fail('less deeply nested data');
    ws();
    const c = s[i];
    if (c === '{') {
      i++;
      ws();
      if (s[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (s[i] !== '"') fail(`a property name in double quotes`);
        string();
        ws();
        if (s[i] !== ':') fail(`':' after a property name`);
        i++;
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === '}') {
          i++;
          return;
        }
        fail(`',' or '}' after a property value`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (s[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ']') {
          i++;
          return;
        }
        fail(`',' or ']' after an array element`);
      }
    }
    if (c === '"') {
      string();
      return;
    }
    if (c === 't' || c === 'f' || c === 'n') {
      literal(c === 't' ? 'true' : c === 'f' ? 'false' : 'null');
      return;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      number();
      return;
    }
    fail('a JSON value (object, array, string, number, true, false or null)');
  };
  try {
    value(0);
    ws();
    if (i < s.length) fail('the end of the input after the JSON value');
    // The scanner accepted what JSON.parse rejected (should not happen): point at the end.
    i = s.length;
    fail('valid JSON');
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    const { line, column } = lineColumn(s, e.offset);
    return { line, column, offset: e.offset, reason: e.reason };
  }
  /* c8 ignore next */
  return { line: 1, column: 1, offset: 0, reason: 'invalid JSON' };
}
