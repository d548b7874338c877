// Charsets: the text of a response body as requests' `r.text` gives it (the encoding from the
// Content-Type header, decoded with Python's codec semantics and errors='replace').
import { memoized } from './memo.js';

/** requests.utils.get_encoding_from_headers. */
const encodingFromContentType = memoized((contentType: string): string | null => {
  const tokens = contentType.split(';');
  const mime = (tokens[0] as string).trim();
  const params = new Map<string, string>();
  for (const raw of tokens.slice(1)) {
    const param = raw.trim();
    const idx = param.indexOf('=');
    if (param && idx !== -1) {
      params.set(stripChars(param.slice(0, idx), '"\' ').toLowerCase(), stripChars(param.slice(idx + 1), '"\' '));
    }
  }
  const charset = params.get('charset');
  if (charset !== undefined) return stripChars(charset, '\'"');
  if (mime.includes('text')) return 'ISO-8859-1';
  if (mime.includes('application/json')) return 'utf-8';
  return null;
}, 256);

function stripChars(s: string, chars: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && chars.includes(s[start] as string)) start++;
  while (end > start && chars.includes(s[end - 1] as string)) end--;
  return s.slice(start, end);
}

const PY_CODECS: Record<string, string> = {};
for (const [codec, aliases] of Object.entries({
  utf_8: ['u8', 'utf', 'utf8', 'utf8_ucs2', 'utf8_ucs4', 'cp65001', 'utf_8'],
  utf_8_sig: ['utf_8_sig'],
  latin_1: [
    '8859',
    'cp819',
    'csisolatin1',
    'ibm819',
    'iso8859',
    'iso8859_1',
    'iso_8859_1',
    'iso_8859_1_1987',
    'iso_ir_100',
    'l1',
    'latin',
    'latin1',
    'latin_1',
  ],
  ascii: [
    '646',
    'ansi_x3.4_1968',
    'ansi_x3_4_1968',
    'ansi_x3.4_1986',
    'cp367',
    'csascii',
    'ibm367',
    'iso646_us',
    'iso_646.irv_1991',
    'iso_ir_6',
    'us',
    'us_ascii',
    'ascii',
  ],
  cp1252: ['1252', 'windows_1252', 'cp1252'],
  utf_16: ['u16', 'utf16', 'utf_16'],
  utf_16_le: ['unicodelittleunmarked', 'utf_16le', 'utf_16_le'],
  utf_16_be: ['unicodebigunmarked', 'utf_16be', 'utf_16_be'],
})) {
  for (const alias of aliases) PY_CODECS[alias] = codec;
}

/** The codec Python's codecs.lookup finds for a name (after encodings.normalize_encoding), if it is one of ours. */
const codecOf = memoized((name: string): string | undefined => {
  const normalized = name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return Object.hasOwn(PY_CODECS, normalized) ? PY_CODECS[normalized] : undefined;
}, 256);

/** Decodes UTF-8 keeping a BOM (a decode without `stream` keeps no state: one serves every call). */
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** str(content, encoding, errors='replace'), falling back to UTF-8 for an unknown encoding. */
function decodeText(body: Buffer, encoding: string): string {
  const codec = codecOf(encoding);
  switch (codec) {
    case 'utf_8':
      return UTF8.decode(body);
    case 'utf_8_sig':
      return new TextDecoder('utf-8').decode(body);
    case 'latin_1':
      return body.toString('latin1');
    case 'ascii':
      return [...body].map((b) => (b < 0x80 ? String.fromCharCode(b) : '\ufffd')).join('');
    case 'cp1252':
      // WHATWG maps cp1252's five undefined bytes to C1 controls; Python replaces them.
      return new TextDecoder('windows-1252').decode(body).replace(/[\x81\x8d\x8f\x90\x9d]/g, '\ufffd');
    case 'utf_16':
      if (body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be', { ignoreBOM: true }).decode(body.subarray(2));
      if (body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(body.subarray(2));
      return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(body);
    case 'utf_16_le':
      return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(body);
    case 'utf_16_be':
      return new TextDecoder('utf-16be', { ignoreBOM: true }).decode(body);
    default:
      try {
        return new TextDecoder(encoding.trim(), { ignoreBOM: true }).decode(body);
      } catch {
        return new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
      }
  }
}

/** requests' `r.text`. */
export function responseText(body: Buffer, contentType: string | undefined): string {
  if (!body.length) return '';
  // No charset, not text, not JSON: requests guesses with charset_normalizer; UTF-8 stands in.
  return decodeText(body, (contentType ? encodingFromContentType(contentType) : null) ?? 'utf-8');
}
