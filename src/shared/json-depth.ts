/**
 * JSON from a page (example bodies, annotations) or a request to the mock nesting deeper
 * than this is not read. No real page nests past 10; with the cap every walk over a value
 * (checks, validators, the caches' JSON) is bounded, and a hostile `{"a":{"a":…}}` cannot
 * overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** The offset of the bracket that opens nesting level `max + 1` in JSON text, or -1 when it nests no deeper. */
export function jsonTooDeepAt(text: string, max = MAX_JSON_DEPTH): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/** Whether a parsed value (front matter YAML) nests deeper than `max`, found without recursion. */
export function nestsDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [v, depth] = item;
    if (!v || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
