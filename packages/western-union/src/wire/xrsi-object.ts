/** An XRSI element as node-soap writes and reads it: children in insertion order, attributes under `attributes`. */
export type XrsiObject = { [key: string]: XrsiValue };
export type XrsiValue = string | XrsiObject | XrsiValue[] | undefined;

/**
 * Drops absent and empty children, keeping the order of the rest: spec §4 omits empty optional elements rather
 * than sending them empty. Returns `undefined` when nothing is left.
 */
export function element(children: Record<string, XrsiValue>): XrsiObject | undefined {
  const result: XrsiObject = {};
  for (const [name, value] of Object.entries(children)) {
    if (value === undefined || value === '') continue;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) continue;
    result[name] = value;
  }
  return Object.keys(result).length === 0 ? undefined : result;
}

/** An own child of a parsed element, never one inherited from `Object.prototype`. */
export function child(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, name)) {
    return undefined;
  }
  return (value as Record<string, unknown>)[name];
}

/** The text of a parsed element (`$value` when it also had attributes); `undefined` when absent or not text. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = child(value, '$value');
  return typeof inner === 'string' ? inner : undefined;
}

/** Text at a path of children. */
export function textAt(value: unknown, ...path: string[]): string | undefined {
  let current = value;
  for (const name of path) current = child(current, name);
  return textOf(current);
}

/** A repeated element as an array (node-soap gives a single occurrence as an object, spec §4.5). */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Sets `value` at a dotted path, creating objects on the way; an existing value is replaced (spec §4.2). */
export function setAtPath(target: XrsiObject, dottedPath: string, value: string): void {
  const names = dottedPath.split('.');
  let current: XrsiObject = target;
  for (const name of names.slice(0, -1)) {
    const next = Object.hasOwn(current, name) ? current[name] : undefined;
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      const created: XrsiObject = {};
      current[name] = created;
      current = created;
    } else {
      current = next;
    }
  }
  current[names[names.length - 1] as string] = value;
}

/** Text at a dotted path of a built request (for template checks). */
export function getAtPath(source: XrsiObject, dottedPath: string): string | undefined {
  return textAt(source, ...dottedPath.split('.'));
}

/** Names that must never become object keys (spec §5.4). */
export function isReservedKey(name: string): boolean {
  return name === '__proto__' || name === 'constructor' || name === 'prototype';
}
