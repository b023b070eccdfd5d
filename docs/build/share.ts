/**
 * A case in a link: `try.html#case=<base64url JSON>`. The fragment never leaves the browser (it
 * is not sent with a request), so a case can be shared by link without sending it anywhere.
 * Used by the site generator (links from the worked cases) and by the pages' scripts.
 */

/** Encodes a value as base64url JSON (UTF-8, no padding). */
export function encodeCase(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url JSON; null when it is not that. */
export function decodeCase(text: string): unknown {
  try {
    const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return null;
  }
}

/** The fragment that carries a case: `#case=…`. */
export function caseFragment(value: unknown): string {
  return `#case=${encodeCase(value)}`;
}

/** The case in a location hash (`#case=…`), or null. */
export function caseFromHash(hash: string): unknown {
  const m = /^#?case=([A-Za-z0-9_-]+)$/.exec(hash);
  return m ? decodeCase(m[1] as string) : null;
}
