import {XMLParser, XMLValidator} from 'fast-xml-parser';

/** An element with its name resolved to `{namespace}local`, as a namespace-aware server sees it. */
export type XmlElement = {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  readonly text: string;
};

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
});

/**
 * Parses a document and resolves every element's prefix through the `xmlns` declarations in
 * scope, so a request is read by namespace the way EWS reads it, not by the prefix a client
 * happened to choose. Returns null for a document that is not well-formed or uses an
 * undeclared prefix.
 */
export function parseNamespacedXml(xml: string): XmlElement | null {
  if (XMLValidator.validate(xml) !== true) return null;
  const nodes = parser.parse(xml) as OrderedNode[];
  const root = nodes.find((node) => elementName(node) !== undefined);
  if (root === undefined) return null;
  try {
    return toElement(root, new Map());
  } catch {
    return null;
  }
}

export function clark(namespace: string, local: string): string {
  return `{${namespace}}${local}`;
}

export function childOf(
  element: XmlElement | undefined,
  namespace: string,
  local: string,
): XmlElement | undefined {
  return element?.children.find((child) => child.name === clark(namespace, local));
}

function toElement(node: OrderedNode, inherited: ReadonlyMap<string, string>): XmlElement {
  const qualified = elementName(node) ?? '';
  const rawAttributes = (node[':@'] ?? {}) as Record<string, string>;

  const scope = new Map(inherited);
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(rawAttributes)) {
    if (name === 'xmlns') scope.set('', value);
    else if (name.startsWith('xmlns:')) scope.set(name.slice('xmlns:'.length), value);
    else attributes[name] = value;
  }

  const separator = qualified.indexOf(':');
  const prefix = separator === -1 ? '' : qualified.slice(0, separator);
  const namespace = scope.get(prefix);
  if (namespace === undefined && prefix !== '') throw new Error(`undeclared prefix ${prefix}`);

  const content = (node[qualified] ?? []) as OrderedNode[];
  const children = content
    .filter((child) => elementName(child) !== undefined)
    .map((child) => toElement(child, scope));
  const text = content
    .map((child) => child['#text'])
    .filter((value): value is string => typeof value === 'string')
    .join('');

  return {
    name: clark(namespace ?? '', qualified.slice(separator + 1)),
    attributes,
    children,
    text,
  };
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text' && !key.startsWith('?'));
}
