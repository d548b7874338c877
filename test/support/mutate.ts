// Mutations of experiments, seeded: values swapped for wrong types, keys dropped or misspelt, and
// text edits that break the syntax. The fuzz tests and the reliability campaign share them.
import { pick } from './prng.js';

const VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  '',
  'x',
  '${x}',
  '$',
  [],
  [1, 2],
  {},
  { type: 'regex' },
  { ref: 'x' },
  { type: 'probe' },
  '(?P<',
  '$[',
  1e308,
];
const NOISE = ['{', '}', '[', ']', ':', ',', '"', "'", '#', '\t', '\n', '- ', '&a', '*a', '!!int', '<<:', '---', '\\', '\u0000', '\u00e9', '%', '|', '>'];

export function mutateValue(value: unknown, random: () => number): unknown {
  if (random() < 0.15) return pick(random, VALUES);
  if (Array.isArray(value)) {
    const copy = value.map((v) => mutateValue(v, random));
    if (copy.length && random() < 0.2) copy.splice(Math.floor(random() * copy.length), 1);
    return copy;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = random();
      if (r < 0.08) continue; // drop the key
      out[r < 0.12 ? k + 'x' : k] = mutateValue(v, random);
    }
    return out;
  }
  return value;
}

export function mutateText(text: string, random: () => number): string {
  let t = text;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (t.length + 1));
    const r = random();
    if (r < 0.4) t = t.slice(0, at) + pick(random, NOISE) + t.slice(at);
    else if (r < 0.7) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(random() * 8));
    else if (r < 0.85) t = t.slice(0, at);
    else {
      const lines = t.split('\n');
      const j = Math.floor(random() * lines.length);
      lines.splice(j, 0, lines[Math.floor(random() * lines.length)] ?? '');
      t = lines.join('\n');
    }
  }
  return t;
}
