// chaoslib's convert_to_type: how env values and --var key:type=value strings become typed values.

export class ConversionError extends Error {}

const PY_INT = /^\s*[-+]?(?:0|[1-9](?:_?[0-9])*|0+(?:_?0)*)\s*$/;
const PY_FLOAT =
  /^\s*[-+]?(?:(?:[0-9](?:_?[0-9])*)?\.?[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?|[0-9](?:_?[0-9])*\.(?:[eE][-+]?[0-9](?:_?[0-9])*)?|inf|infinity|nan)\s*$/i;

export function convertToType(type: string | undefined | null, value: unknown): unknown {
  if (type === undefined || type === null || type === 'str' || type === 'string') return value;
  if (typeof value !== 'string') {
    // Defaults from the file arrive already typed; chaoslib converts them the same way.
    if (type === 'bool' && typeof value === 'boolean') return value;
    if (type === 'json') return value;
    if (value === null) throw new ConversionError(`cannot convert None to ${type}`);
    value = String(value);
  }
  const text = value as string;
  switch (type) {
    case 'int':
    case 'integer':
      if (!PY_INT.test(text)) throw new ConversionError(`invalid literal for int() with base 10: '${text}'`);
      return Number(text.replace(/_/g, '').trim());
    case 'float':
    case 'number': {
      if (!PY_FLOAT.test(text)) throw new ConversionError(`could not convert string to float: '${text}'`);
      const t = text
        .replace(/_/g, '')
        .trim()
        .toLowerCase()
        .replace(/^([-+]?)infinity$/, '$1inf');
      if (/^[-+]?inf$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
      if (/^[-+]?nan$/.test(t)) return NaN;
      return Number(t);
    }
    case 'bytes':
      return text;
    case 'bool':
      return !['false', '0', 'no'].includes(text.toLowerCase());
    case 'json':
      if (text === '') return text;
      try {
        return JSON.parse(text);
      } catch (e) {
        throw new ConversionError(`not valid JSON: ${(e as Error).message}`);
      }
    default:
      throw new ConversionError('variable type can only be: bool, str, int, float, bytes or json');
  }
}
