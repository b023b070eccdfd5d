/*
 * Records as UTF-8 bytes, each followed by a newline, written straight into a buffer that is kept
 * from take to take; a take copies out exactly the bytes gathered. Joining the records and then
 * encoding the text made two copies of a longer string (measured on the compact records of the
 * bench cases: about 1 µs a record against 3 µs), and the exact copy keeps the memory a run holds
 * (the chunks in flight between threads, until collected) to what was written.
 *
 * Full assessments (`batch --full`, `--referenced`, and the server's `?full=1` answers) are
 * written into the same buffers by a JSON writer (`addJson`, `json`) that copies the kept bytes
 * of the library's frozen objects instead of serialising them again.
 */

/** Room kept per record: UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair, 2 units, takes 4). */
const BYTES_PER_UNIT = 3;

/**
 * At most this many strings, keys and frozen objects are kept as JSON bytes (each table). The
 * first records fill the tables with every text of the rules they show and every key; what comes
 * once the tables are full (most of it a case's own ids and dates) is written afresh.
 */
const KEPT_MAX = 10_000;

const EMPTY = Buffer.alloc(0);

/**
 * Records gathered as UTF-8 bytes, newline-terminated. What {@link RecordBytes.take} gives has a
 * buffer of its own (never a view of Node's shared pool, or of this one's), so it can be written
 * while more is gathered, or transferred to another thread. The bytes are those
 * `Buffer.from(record + '\n')` gives (a lone surrogate becomes U+FFFD).
 */
export class RecordBytes {
  /** Made when the first record comes (a process that never writes a batch record never makes it). */
  private buf: Buffer = EMPTY;
  private at = 0;
  private readonly sealed: Buffer[] = [];
  private sealedBytes = 0;
  // The JSON writer's kept bytes (addJson, json): by string content, by frozen object, by key.
  private keptStrings: Map<string, Buffer> | undefined;
  private keptObjects: Map<object, Buffer> | undefined;
  private keptKeys: Map<string, Buffer> | undefined;
  /** Counts the buffers sealed, so that a frozen object's bytes are kept only when they lie in one buffer. */
  private seals = 0;
  /**
   * @param size - The bytes of each buffer gathered into.
   * @param keepStrings - Whether strings are kept by content for addJson and json (frozen objects
   *   and keys always are): a long-lived process answering cases passes false, so that nothing of
   *   a case outlives its answer.
   */
  constructor(
    private readonly size = 1 << 19,
    private readonly keepStrings = true,
  ) {}

  /** How many strings, frozen objects and keys are kept as bytes (for tests and diagnostics). */
  get kept(): { readonly strings: number; readonly objects: number; readonly keys: number } {
    return { strings: this.keptStrings?.size ?? 0, objects: this.keptObjects?.size ?? 0, keys: this.keptKeys?.size ?? 0 };
  }

  /** The bytes gathered and not yet taken. */
  get bytes(): number {
    return this.sealedBytes + this.at;
  }

  /** Adds a record and its newline. */
  add(record: string): void {
    this.room(record.length * BYTES_PER_UNIT + 1);
    this.at += this.buf.write(record, this.at);
    this.buf[this.at++] = 10;
  }

  /** Makes room for `n` more bytes at `at` (what was gathered stays; a record may go on in the next buffer). */
  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    if (this.at > 0) {
      this.sealed.push(this.buf.subarray(0, this.at));
      this.sealedBytes += this.at;
      this.seals++;
    }
    this.buf = Buffer.allocUnsafeSlow(Math.max(this.size, n));
    this.at = 0;
  }

  private copy(b: Buffer): void {
    const n = b.length;
    this.room(n);
    if (n > 64) {
      this.buf.set(b, this.at);
      this.at += n;
      return;
    }
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) buf[at++] = b[i] as number;
    this.at = at;
  }

  /** ASCII text, as it is. */
  private ascii(s: string): void {
    const n = s.length;
    this.room(n);
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < n; i++) buf[at++] = s.charCodeAt(i);
    this.at = at;
  }

  /**
   * A string as JSON: kept bytes, or (once the table is full) printable ASCII with nothing to
   * escape written as it is, anything else through JSON.stringify.
   */
  private string(s: string): void {
    const n = s.length;
    if (this.keepStrings) {
      const kept = (this.keptStrings ??= new Map()).get(s);
      if (kept !== undefined) {
        this.copy(kept);
        return;
      }
      if (this.keptStrings.size < KEPT_MAX) {
        const b = Buffer.from(JSON.stringify(s));
        this.keptStrings.set(s, b);
        this.copy(b);
        return;
      }
    }
    this.room(n * BYTES_PER_UNIT + 2);
    const buf = this.buf;
    let at = this.at;
    buf[at++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 34 || c === 92) {
        this.at += buf.write(JSON.stringify(s), this.at);
        return;
      }
      buf[at++] = c;
    }
    buf[at++] = 34;
    this.at = at;
  }

  /**
   * Writes a value that JSON.stringify would write (not undefined, a function or a symbol: the
   * caller leaves those out or writes null). Says whether it and everything in it is frozen, so
   * its JSON can be kept.
   */
  private value(v: unknown): boolean {
    switch (typeof v) {
      case 'string':
        this.string(v);
        return true;
      case 'number':
        this.ascii(Number.isFinite(v) ? String(v) : 'null');
        return true;
      case 'boolean':
        this.ascii(v ? 'true' : 'false');
        return true;
      default:
        if (v === null) {
          this.ascii('null');
          return true;
        }
        return this.object(v as object);
    }
  }

  private object(o: object): boolean {
    if (!Object.isFrozen(o)) {
      this.written(o);
      return false;
    }
    const keptObjects = (this.keptObjects ??= new Map());
    const kept = keptObjects.get(o);
    if (kept !== undefined) {
      this.copy(kept);
      return true;
    }
    const start = this.at;
    const seals = this.seals;
    const frozen = this.written(o);
    if (frozen && seals === this.seals && keptObjects.size < KEPT_MAX) keptObjects.set(o, Buffer.from(this.buf.subarray(start, this.at)));
    return frozen;
  }

  /** Writes an object or array afresh; says whether everything in it is frozen. */
  private written(o: object): boolean {
    let frozen = true;
    this.room(1);
    if (Array.isArray(o)) {
      this.buf[this.at++] = 91;
      for (let i = 0; i < o.length; i++) {
        if (i > 0) {
          this.room(1);
          this.buf[this.at++] = 44;
        }
        const v: unknown = o[i];
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') this.ascii('null');
        else if (!this.value(v)) frozen = false;
      }
      this.room(1);
      this.buf[this.at++] = 93;
      return frozen;
    }
    this.buf[this.at++] = 123;
    return this.members(o as Record<string, unknown>) && frozen;
  }

  /** An object's members and its closing brace (the opening one is the caller's). */
  private members(o: Record<string, unknown>): boolean {
    let frozen = true;
    let first = true;
    const keys = (this.keptKeys ??= new Map());
    const names = Object.keys(o);
    for (let i = 0; i < names.length; i++) {
      const k = names[i] as string;
      const v = o[k];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      if (first) first = false;
      else {
        this.room(1);
        this.buf[this.at++] = 44;
      }
      let key = keys.get(k);
      if (key === undefined) {
        key = Buffer.from(`${JSON.stringify(k)}:`);
        if (keys.size < KEPT_MAX) keys.set(k, key);
      }
      this.copy(key);
      if (!this.value(v)) frozen = false;
    }
    this.room(1);
    this.buf[this.at++] = 125;
    return frozen;
  }

  /**
   * Adds `head` (ASCII text, such as `{"line":7,`), then the members of `value` as JSON writes
   * them without the opening brace, then a newline: the bytes of
   * `head + JSON.stringify(value).slice(1)`, for plain data (objects, arrays, strings, numbers,
   * booleans, null, and undefined where JSON.stringify leaves it out: no `toJSON`, getters or
   * bigint, which an assessment never has).
   *
   * A full assessment is mostly texts and objects shared by every result, frozen all the way
   * down (the rules, citations, guidance). Such an object's JSON bytes are written once and then
   * copied by the object's identity, and so are strings' and keys' by their content; only what belongs
   * to the case is written afresh. A frozen object never changes, so its bytes never go stale;
   * an object that is not frozen, or holds one that is not, is always written afresh.
   *
   * The kept strings include some of the records' own (ids, dates) until the tables are full:
   * they live as long as this object, which is one batch run's (or one worker's). A long-lived
   * server's writer keeps no strings (`keepStrings` false).
   */
  addJson(head: string, value: object): void {
    this.whole(() => {
      this.ascii(head);
      this.members(value as Record<string, unknown>);
      this.room(1);
      this.buf[this.at++] = 10;
    });
  }

  /**
   * The UTF-8 bytes of `JSON.stringify(value)` for an object of plain data (as {@link addJson}
   * writes it, with no newline), in a buffer of its own: for an instance that gathers nothing else
   * (it takes what was gathered).
   *
   * @example
   * ```ts
   * Buffer.from(new RecordBytes(1024, false).json({ a: [1, 'b'] })).toString(); //=> '{"a":[1,"b"]}'
   * ```
   */
  json(value: object): Uint8Array {
    this.whole(() => {
      this.room(1);
      this.buf[this.at++] = 123;
      this.members(value as Record<string, unknown>);
    });
    return this.take();
  }

  /** Runs `write`; if it throws, nothing it wrote stays (the caller writes another record in its place). */
  private whole(write: () => void): void {
    const buf = this.buf;
    const at = this.at;
    const sealed = this.sealed.length;
    const sealedBytes = this.sealedBytes;
    try {
      write();
    } catch (e) {
      this.buf = buf;
      this.at = at;
      this.sealed.length = sealed;
      this.sealedBytes = sealedBytes;
      throw e;
    }
  }

  /** A copy of everything added since the last take, in order, in an array of its own; the gathering starts afresh. */
  take(): Uint8Array {
    const out = Buffer.allocUnsafeSlow(this.bytes);
    let at = 0;
    for (const b of this.sealed) {
      out.set(b, at);
      at += b.length;
    }
    out.set(this.buf.subarray(0, this.at), at);
    this.sealed.length = 0;
    this.sealedBytes = 0;
    this.at = 0;
    // A buffer grown for one long record is not kept.
    if (this.buf.length > this.size) this.buf = Buffer.allocUnsafeSlow(this.size);
    return out;
  }
}
