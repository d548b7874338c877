// A fault that AWS never showed: the verdict fails, and the RTO and RPO cells say "not measured
// (fault not confirmed)" instead of the "no impact" and "0 s" measured around nothing.
import { describe, expect, it } from 'vitest';
import type { DurabilityReport } from '../../src/engine/canary.js';
import { newJournal } from '../../src/engine/journal.js';
import type { RecoveryState } from '../../src/engine/recovery-state.js';
import { type FaultRecord, recoveryWithFaults } from '../../src/report/faults.js';
import { recoveryLine, renderReport } from '../../src/report/markdown.js';
import { resultOf, summarize } from '../../src/report/results.js';

const noImpact: RecoveryState = { state: 'no-impact', observedFor: 12 };
const durability: DurabilityReport = {
  canary: 'postgres',
  run: 'm0-abc123',
  interval: 0.25,
  timeout: 2,
  observedFor: 12,
  acknowledged: 19,
  failed: 0,
  lost: 0,
  rpo: 0,
  lowerBound: false,
  lostRanges: [],
  strays: 0,
  readAttempts: 1,
  notes: [],
  writes: [],
};
const fault = (confirmed: boolean): FaultRecord => ({
  activity: 'force-failover',
  phase: 'method',
  action: 'rds:RebootDBInstance (force failover) db-1',
  fault: confirmed ? 'confirmed' : 'not confirmed',
  seen: confirmed ? 'RDS event "Multi-AZ instance failover started."' : 'no failover event for db-1 in RDS DescribeEvents',
});

function result(faults: FaultRecord[]) {
  const journal = newJournal({ title: 'checkout failover' }, 's');
  journal.status = 'completed';
  const state = recoveryWithFaults(noImpact, faults);
  return resultOf('rds.yaml', journal, faults.some((f) => f.fault === 'not confirmed') ? 'failed' : 'passed', [], 'rds.journal.json', {
    state,
    durability,
    objectives: { rto: 60, rpo: 0 },
  });
}

describe('a fault that was not confirmed', () => {
  it('reads "not measured (fault not confirmed)" for RTO and RPO, with the canary\'s counts kept as detail', () => {
    expect(recoveryLine(result([fault(false)]))).toBe(
      'RTO not measured (fault not confirmed; objective 1 min) · RPO not measured (fault not confirmed; objective 0 s; 0 of 19 writes lost)',
    );
    const md = renderReport(summarize([result([fault(false)])], [], '0.1.0'));
    expect(md).toContain('not measured (fault not confirmed; objective 1 min)');
    expect(md).not.toContain('no impact');
  });

  it("leaves a confirmed fault's measures as they are", () => {
    expect(recoveryLine(result([fault(true)]))).toBe('RTO no impact (objective 1 min) · RPO 0 s (objective 0 s; 0 of 19 writes lost)');
  });
});
