// The locks an experiment holds in a parallel run: declared, and inferred from its chaosaws
// built-in actions (static configuration substituted; unknown targets lock the whole kind).
import { describe, expect, it } from 'vitest';
import { experimentClaim } from '../../src/app/experiment-claim.js';
import { claimsConflict } from '../../src/app/scheduler.js';
import { awsLocks, lockedFunctions } from '../../src/aws/locks.js';
import { AWS_CATALOG } from '../../src/aws/catalog/index.js';

const aws = (name: string, module: string, func: string, args: Record<string, unknown>) => ({
  type: 'action',
  name,
  provider: { type: 'python', module, func, arguments: args },
});

const claim = (doc: Record<string, unknown>, configuration: Record<string, unknown> = {}, dynamic: string[] = []) =>
  experimentClaim({ experiment: { title: 't', description: 'd', ...doc }, configuration, dynamicConfiguration: dynamic });

describe('inferred locks', () => {
  it('locks the instance a method action stops, with its id taken from the configuration', () => {
    const c = claim({ method: [aws('stop', 'chaosaws.ec2.actions', 'stop_instances', { instance_ids: ['${web}', 'i-2'] })] }, { web: 'i-1' });
    expect(c.inferred).toEqual(['aws:ec2:instance:i-1', 'aws:ec2:instance:i-2']);
    expect(c.locks).toEqual(c.inferred);
  });

  it('locks the DB cluster of a failover and the instance a rollback reboots', () => {
    const c = claim({
      method: [aws('failover', 'chaosaws.rds.actions', 'failover_db_cluster', { db_cluster_identifier: 'orders' })],
      rollbacks: [aws('reboot', 'chaosaws.rds.actions', 'reboot_db_instance', { db_instance_identifier: 'orders-1' })],
    });
    expect(c.inferred).toEqual(['aws:rds:db-cluster:orders', 'aws:rds:db-instance:orders-1']);
  });

  it('locks the whole kind when the targets are chosen at run time (filters, tags, AZ)', () => {
    expect(claim({ method: [aws('s', 'chaosaws.ec2.actions', 'stop_instance', { az: 'eu-west-1a' })] }).inferred).toEqual(['aws:ec2:instance:*']);
    expect(claim({ method: [aws('s', 'chaosaws.asg.actions', 'suspend_processes', { tags: [{ Key: 'app', Value: 'web' }] })] }).inferred).toEqual([
      'aws:autoscaling:group:*',
    ]);
    expect(claim({ method: [aws('s', 'chaosaws.asg.actions', 'terminate_random_instances', { asg_names: ['web'] })] }).inferred).toEqual([
      'aws:autoscaling:group:web',
      'aws:ec2:instance:*',
    ]);
    expect(claim({ method: [aws('f', 'chaosaws.fis.actions', 'start_experiment', { experiment_template_id: 'EXT1' })] }).inferred).toEqual(['aws:*']);
  });

  it('locks the whole kind when an id comes from a secret or a dynamic configuration entry', () => {
    const dynamic = claim(
      { method: [aws('f', 'chaosaws.awslambda.actions', 'put_function_concurrency', { function_name: '${fn}', concurrent_executions: 0 })] },
      { fn: { type: 'probe', provider: { type: 'http', url: 'http://x' } } },
      ['fn'],
    );
    expect(dynamic.inferred).toEqual(['aws:lambda:function:*']);
    const secret = claim({ method: [aws('f', 'chaosaws.rds.actions', 'reboot_db_instance', { db_instance_identifier: '${db}' })] });
    expect(secret.inferred).toEqual(['aws:rds:db-instance:*']);
  });

  it('infers nothing from probes, process, http or python activities that are not chaosaws actions', () => {
    const c = claim({
      'steady-state-hypothesis': { title: 'h', probes: [aws('p', 'chaosaws.ec2.probes', 'describe_instances', { filters: [] })] },
      method: [
        { type: 'action', name: 'sh', provider: { type: 'process', path: 'sh', arguments: ['-c', 'true'] } },
        { type: 'action', name: 'web', provider: { type: 'http', url: 'http://127.0.0.1/' } },
        aws('mine', 'mypkg.actions', 'stop_instance', { instance_id: 'i-1' }),
        aws('probe', 'chaosaws.rds.probes', 'instance_status', { instance_id: 'db' }),
      ],
    });
    expect(c).toEqual({ locks: [], exclusive: false, declared: [], inferred: [] });
  });

  it('locks all of AWS for an action marked unguarded (the AWS CLI, a chaosaws function that is not built in)', () => {
    const marked = { 'chaos-action': { unguarded: 'Route 53 has no chaosaws function' } };
    const cli = { type: 'action', name: 'cli', provider: { type: 'process', path: 'aws', arguments: ['route53', 'update-health-check'] }, ...marked };
    expect(claim({ method: [cli] }).locks).toEqual(['aws:*']);
    expect(claim({ method: [], rollbacks: [{ ...aws('s3', 'chaosaws.s3.actions', 'delete_object', { bucket_name: 'b' }), ...marked }] }).locks).toEqual([
      'aws:*',
    ]);
    // A probe reads: no lock.
    expect(claim({ method: [{ ...cli, type: 'probe' }] }).locks).toEqual([]);
  });

  it('adds the declared locks and exclusive', () => {
    const c = claim({
      method: [aws('stop', 'chaosaws.ec2.actions', 'stop_instance', { instance_id: 'i-1' })],
      extensions: [{ name: 'chaos-action', locks: ['rds:orders'], exclusive: true }],
    });
    expect(c).toEqual({ locks: ['rds:orders', 'aws:ec2:instance:i-1'], exclusive: true, declared: ['rds:orders'], inferred: ['aws:ec2:instance:i-1'] });
  });

  it('makes two experiments on the same instance conflict, and on different ones not', () => {
    const on = (id: string) => claim({ method: [aws('stop', 'chaosaws.ec2.actions', 'stop_instance', { instance_id: id })] });
    const byTags = claim({ method: [aws('stop', 'chaosaws.ec2.actions', 'stop_instances', { filters: [{ Name: 'tag:app', Values: ['web'] }] })] });
    expect(claimsConflict(on('i-1'), on('i-1'))).toBe(true);
    expect(claimsConflict(on('i-1'), on('i-2'))).toBe(false);
    expect(claimsConflict(on('i-2'), byTags)).toBe(true);
  });

  it('names a load balancer the same way from its name and from its ARN', () => {
    const byName = awsLocks('chaosaws.elbv2.actions', 'delete_load_balancer', { load_balancer_names: ['web'] });
    const byArn = awsLocks('chaosaws.elbv2.actions', 'enable_access_log', {
      load_balancer_arn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188',
    });
    expect(byName).toEqual(byArn);
  });

  it('covers every mutating chaosaws built-in, and nothing else', () => {
    const mutating = AWS_CATALOG.filter((e) => e.mutating).map((e) => `${e.module}.${e.func}`);
    expect(lockedFunctions().sort()).toEqual(mutating.sort());
  });
});
