// Text into HTML: everything a pull request controls (titles, file names, reasons, activity names,
// outputs, exceptions) passes through `text` or `attr`, so none of it can become markup, close a
// <script>/<textarea>/<style>, break out of an attribute, or hide behind control characters.
// Output is bounded: one huge output cannot make the report unreadable.

/** HTML that is safe to embed: built only from fixed markup and escaped text. */
export type Html = string & { readonly __html: true };

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** C0 and C1 controls and DEL (tab and line feed apart), and the bidirectional embeddings, overrides and isolates. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** A UTF-16 surrogate without its pair: not a character, shown as the replacement character. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const visible = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Any character `text` changes: a CR, a control, a surrogate (paired or not), a markup character. */
const SPECIAL = /[\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff&<>"']/;

/** Any character `text` changes other than a markup character. */
const NOT_MARKUP = /[\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;
const MARKUP = /[&<>"']/g;
const entity = (c: string): string => ENTITIES[c] as string;

/** Text as HTML text: markup characters escaped, control characters shown as `\u001b` (CR LF and lone CR read as LF). */
export function text(value: string): Html {
  // Most texts (names, statuses, timestamps) have nothing to change: one scan instead of four;
  // most others (JSON outputs) only markup characters: two.
  if (!SPECIAL.test(value)) return value as Html;
  if (!NOT_MARKUP.test(value)) return value.replace(MARKUP, entity) as Html;
  return value.replace(/\r\n?/g, '\n').replace(CONTROLS, visible).replace(LONE_SURROGATE, '\ufffd').replace(MARKUP, entity) as Html;
}

/** Text as a quoted attribute's value (quotes included): line breaks too are escaped. */
export const attr = (value: string): Html => `"${text(value).replace(/\n/g, '&#10;')}"` as Html;

/** Fixed markup (no user text in it), or markup built from escaped parts. */
export function html(strings: TemplateStringsArray, ...parts: readonly (Html | number | readonly Html[])[]): Html {
  let out = strings[0] as string;
  for (let i = 0; i < parts.length; i++) out += join(parts[i] as Html | number | readonly Html[]) + (strings[i + 1] as string);
  return out as Html;
}

const join = (part: Html | number | readonly Html[]): string => (Array.isArray(part) ? part.join('') : String(part));

/** At most `max` characters of `value`, saying how many were left out (they stay in the journal). */
export function bounded(value: string, max: number): string {
  if (value.length <= max) return value;
  // Not cut inside a surrogate pair.
  const end = /[\ud800-\udbff]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return `${value.slice(0, end)}\n… ${value.length - end} more characters in the journal`;
}
