// Pure functions of a string, remembered: the probes of every run of the hypothesis and every
// recovery sample send the same URLs and get the same answers' headers again. Bounded: past `max`
// entries the memory starts over. What is remembered is shared, so it must not be changed.

/** `compute`, remembering its result for each key (an exception is not remembered). */
export function memoized<T>(compute: (key: string) => T, max = 1024): (key: string) => T {
  const memory = new Map<string, T>();
  return (key) => {
    if (memory.has(key)) return memory.get(key) as T;
    const value = compute(key);
    if (memory.size >= max) memory.clear();
    memory.set(key, value);
    return value;
  };
}
