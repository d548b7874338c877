// Python's numeric types, as jsonpath2 sees JSON values.

/** Python's int or float (bool is a subclass of int). */
export function isPythonNumber(value: unknown): value is number | boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}

/**
 * Python's `isinstance(value, int)` for a value taken from the data. JSON `2.0` has already become the
 * JS number 2 by the time we see it, so integral numbers count as ints (Python would see a float).
 */
export function isPythonInt(value: unknown): value is number | boolean {
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value));
}
