/** Split any text into words: `exactMatch-session.v2` → `exact`, `Match`, `session`, `v2`. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

export function pascalCase(text: string): string {
  return words(text)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

export function camelCase(text: string): string {
  const p = pascalCase(text);
  return p ? p[0].toLowerCase() + p.slice(1) : p;
}

/** `user` → `User`; the empty string stays empty. */
export const upperFirst = (s: string): string => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** Text that matches itself inside a regular expression. */
export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
