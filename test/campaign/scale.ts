// How big the reliability campaign runs: a sample in `npm test` (CI), the full counts with
// `npm run campaign` (CHAOS_CAMPAIGN=full), whose figures RELIABILITY.md records.
export const FULL = process.env.CHAOS_CAMPAIGN === 'full';

/** `full` under `npm run campaign`, `sample` in every other run. */
export const scale = (full: number, sample: number): number => (FULL ? full : sample);
