// Python's ordering (<=) for the values a two-element list tolerance compares: numbers and
// booleans together, strings by code point, lists element-wise; other mixes raise TypeError.

export class PythonTypeError extends Error {}

const typeName = (v: unknown): string =>
  v === null || v === undefined
    ? 'NoneType'
    : typeof v === 'boolean'
      ? 'bool'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? 'int'
          : 'float'
        : typeof v === 'string'
          ? 'str'
          : Array.isArray(v)
            ? 'list'
            : 'dict';

export function pythonCompare(a: unknown, b: unknown): number {
  const numeric = (v: unknown): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';
  if (numeric(a) && numeric(b)) {
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    const x = [...a].map((c) => c.codePointAt(0) as number);
    const y = [...b].map((c) => c.codePointAt(0) as number);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
    return x.length - y.length;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = pythonCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  throw new PythonTypeError(`'<=' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}
