import type {TreeEntry} from './directory-tree.js';

/** An entry's attributes as ldapjs' filter matcher takes them (mutable arrays). */
export function plainAttributes(
  attributes: TreeEntry['attributes'],
): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : [...value],
    ]),
  );
}
