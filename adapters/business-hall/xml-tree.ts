/**
 * The hall's answers read into the tree fast-xml-parser gives with the envelope's options (prefixes removed,
 * attributes ignored, text kept as trimmed text, the items of a `…List` always an array), in one pass and
 * for the plain XML the hall writes only: elements, attributes (skipped), the five predefined entities and
 * an XML declaration. Anything else (comments, CDATA, a DOCTYPE, other entities, mixed content, carriage
 * returns, a tag it does not know how to read) gives null, and the caller reads the document the general
 * way, which also decides whether it is well-formed. fast-xml-parser and its validator took a fifth of
 * a snapshot's time (measured), most of it on bookkeeping these answers never need.
 */
export function readXmlTree(xml: string): Record<string, unknown> | null {
  if (OUTSIDE_SUBSET.test(xml)) return null;
  let at = 0;
  const root: Frame = { name: "", children: {}, hasChildren: false, text: "" };
  if (xml.startsWith("<?")) {
    const declaration = DECLARATION.exec(xml);
    if (declaration === null || repeatsAttribute(declaration[1]!)) return null;
    at = declaration[0].length;
    root.children["?xml"] = "";
  }
  const stack: Frame[] = [root];
  let rootElements = 0;
  for (;;) {
    const open = xml.indexOf("<", at);
    const text = open < 0 ? xml.slice(at) : xml.slice(at, open);
    const frame = stack[stack.length - 1]!;
    if (text.length > 0) frame.text = frame.text.length === 0 ? text : frame.text + text;
    if (open < 0) break;
    const close = tagEnd(xml, open);
    if (close < 0) return null;
    if (xml.charCodeAt(open + 1) === SLASH) {
      const name = xml.slice(open + 2, close);
      if (stack.length === 1 || name !== frame.name || !TAG_NAME.test(name)) return null;
      stack.pop();
      const value = valueOf(frame);
      if (value === null) return null;
      add(stack[stack.length - 1]!, frame.name, value);
    } else {
      if (frame.text.trim() !== "") return null;
      frame.text = "";
      const selfClosing = xml.charCodeAt(close - 1) === SLASH;
      const tag = xml.slice(open + 1, selfClosing ? close - 1 : close);
      const space = tag.search(/\s/);
      const name = space < 0 ? tag : tag.slice(0, space);
      if (!TAG_NAME.test(name) || RESERVED_NAMES.has(localName(name))) return null;
      if (space >= 0 && !(ATTRIBUTES.test(tag.slice(space)) && !repeatsAttribute(tag.slice(space)))) return null;
      if (stack.length === 1 && ++rootElements > 1) return null;
      if (selfClosing) {
        add(frame, name, "");
      } else {
        stack.push({ name, children: {}, hasChildren: false, text: "" });
      }
    }
    at = close + 1;
  }
  if (stack.length !== 1 || rootElements !== 1 || root.text.trim() !== "") return null;
  return root.children;
}

interface Frame {
  /** The tag's name as written, prefix included, to match its end tag. */
  name: string;
  children: Record<string, unknown>;
  hasChildren: boolean;
  /** Raw text seen since the last tag. */
  text: string;
}

const SLASH = 47;
/** Comments, CDATA and DOCTYPEs, processing instructions after the start, carriage returns, characters XML cannot carry, `]]>`. */
const OUTSIDE_SUBSET = /<!|.<\?|\r|]]>|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/s;
const DECLARATION = /^<\?xml((?:\s+[A-Za-z]+\s*=\s*(?:"[^"<&]*"|'[^'<&]*'))*)\s*\?>/;
const TAG_NAME = /^([A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*$/;
const ATTRIBUTES = /^(\s+[A-Za-z_][\w.:-]*\s*=\s*("[^"<&>]*"|'[^'<&>]*'))*\s*$/;
/** Names fast-xml-parser refuses or renames, so as not to pollute prototypes. */
const RESERVED_NAMES = new Set([
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "toString",
  "valueOf",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
]);
const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&apos;": "'" };

/** Where the tag opened at `open` ends (its `>`), quotes in attribute values skipped; -1 when it does not. */
function tagEnd(xml: string, open: number): number {
  const close = xml.indexOf(">", open);
  if (close < 0) return -1;
  const quote = xml.slice(open, close).search(/["']/);
  if (quote < 0) return close;
  // A quoted value may hold ">": walk the attributes.
  let i = open + quote;
  while (i < xml.length) {
    const c = xml[i];
    if (c === '"' || c === "'") {
      const end = xml.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end + 1;
    } else if (c === ">") {
      return i;
    } else {
      i++;
    }
  }
  return -1;
}

/** Whether attributes (already checked against ATTRIBUTES) name one attribute twice, which is not well-formed. */
function repeatsAttribute(attributes: string): boolean {
  const names = [...attributes.matchAll(/\s([^\s=]+)\s*=\s*("[^"]*"|'[^']*')/g)].map((m) => m[1]);
  return new Set(names).size !== names.length;
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An element's value: its children, or its trimmed text; null for content this reader does not take (mixed). */
function valueOf(frame: Frame): unknown {
  if (frame.hasChildren) return frame.text.trim() === "" ? frame.children : null;
  const text = frame.text.trim();
  return text.includes("&") ? decoded(text) : text;
}

/** Text with the predefined entities replaced; null when it holds any other reference. */
function decoded(text: string): string | null {
  let unknown = false;
  const result = text.replace(/&[^;&]*;?/g, (reference) => {
    const character = ENTITIES[reference];
    if (character === undefined) unknown = true;
    return character ?? reference;
  });
  return unknown ? null : result;
}

/** Adds a child to its parent: the items of a `…List` are always an array, other names become one when repeated. */
function add(parent: Frame, name: string, value: unknown): void {
  const key = localName(name);
  const children = parent.children;
  parent.hasChildren = true;
  if (localName(parent.name).endsWith("List")) {
    const items = children[key];
    if (Array.isArray(items)) items.push(value);
    else children[key] = [value];
  } else if (Object.hasOwn(children, key)) {
    // An element's value is text or an object, never an array: an array here is the repetitions so far.
    const existing = children[key];
    if (Array.isArray(existing)) existing.push(value);
    else children[key] = [existing, value];
  } else {
    children[key] = value;
  }
}
