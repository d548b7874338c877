// Which strategies a run uses: the chaos CLI's rules, with our rollback default.
import { describe, expect, it } from 'vitest';
import { playsRollbacks, resolveStrategies } from '../../src/engine/strategies.js';

describe('strategies', () => {
  it('defaults rollbacks to always, and lets flags override', () => {
    expect(resolveStrategies({}, {})).toEqual({ hypothesis: 'default', rollbacks: 'always' });
    expect(resolveStrategies({}, { rollbacks: 'default', hypothesis: 'continuously' })).toEqual({ hypothesis: 'continuously', rollbacks: 'default' });
  });

  it('takes both from a runtime block, resetting the missing one to default, as the chaos CLI does', () => {
    expect(resolveStrategies({ runtime: { hypothesis: { strategy: 'continously' } } }, {})).toEqual({ hypothesis: 'continuously', rollbacks: 'default' });
  });

  it('treats an empty runtime block as absent (Python: an empty dict is falsy)', () => {
    expect(resolveStrategies({ runtime: {} }, {})).toEqual({ hypothesis: 'default', rollbacks: 'always' });
  });

  it('plays rollbacks as chaoslib decides for each strategy', () => {
    expect(playsRollbacks('default', 'failed', false)).toBe(false);
    expect(playsRollbacks('default', 'aborted', false)).toBe(true);
    expect(playsRollbacks('deviated', 'completed', true)).toBe(true);
    expect(playsRollbacks('always', 'interrupted', false)).toBe(true);
    expect(playsRollbacks('never', 'completed', true)).toBe(false);
  });
});
