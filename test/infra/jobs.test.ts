import { describe, expect, it } from 'vitest';
import { jobs, type Job } from '#shared/jobs';
import { resourcesOf, synthStack } from './synth.ts';

const rows: Job[] = [
  {
    id: 'rollupYear',
    handler: 'getHealth',
    schedule: { expression: 'cron(30 0 1 2 ? *)', timeZone: 'Asia/Ho_Chi_Minh' },
    access: { table: 'read', reports: 'readwrite' },
    memory: { functionMiB: 2048, heapMiB: 512 },
  },
  // Routes start it (POST /reminders/{year}), so the stack needs a row of that id.
  {
    id: 'sendReminders',
    handler: 'getHealth',
    schedule: { expression: 'cron(0 8 * * ? *)', timeZone: 'Asia/Ho_Chi_Minh' },
    access: {},
  },
  {
    id: 'nightlyCheck',
    handler: 'getMe',
    schedule: { expression: 'rate(1 day)', timeZone: 'UTC' },
    access: {},
  },
];

const { stack, template } = synthStack('dev', { stackProps: { jobs: rows } });

describe('the job table', () => {
  it('makes one schedule, function and dead-letter queue per job row', () => {
    const schedules = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule')).map(
      (s) => s.Properties,
    );
    expect(schedules.map((s) => [s?.ScheduleExpression, s?.ScheduleExpressionTimezone]).sort()).toEqual(
      rows.map((r) => [r.schedule.expression, r.schedule.timeZone]).sort(),
    );
    expect([...stack.jobs.keys()].sort()).toEqual(rows.map((r) => r.id).sort());
    expect(Object.keys(resourcesOf(template, 'AWS::SQS::Queue'))).toHaveLength(rows.length);
  });

  it('gives job functions a longer timeout than API functions', () => {
    const lambdas = resourcesOf(template, 'AWS::Lambda::Function');
    for (const [id, { fn }] of stack.jobs) {
      const logicalId = stack.getLogicalId(fn.node.defaultChild as never);
      expect(lambdas[logicalId]?.Properties?.Timeout, id).toBe(900);
    }
  });

  it('sizes each job function from its row: memory, and a heap limit in NODE_OPTIONS when the row sets one', () => {
    const lambdas = resourcesOf(template, 'AWS::Lambda::Function');
    const props = (id: string) => {
      const fn = stack.jobs.get(id)?.fn;
      return lambdas[stack.getLogicalId(fn?.node.defaultChild as never)]?.Properties;
    };
    expect(props('rollupYear')?.MemorySize).toBe(2048);
    expect(props('rollupYear')?.Environment).toMatchObject({
      Variables: { NODE_OPTIONS: '--enable-source-maps --max-old-space-size=512' },
    });
    expect(props('nightlyCheck')?.MemorySize).toBe(1024);
    expect(props('nightlyCheck')?.Environment).toMatchObject({
      Variables: { NODE_OPTIONS: '--enable-source-maps' },
    });
  });

  it('caps the rollup’s heap well below its function’s memory, leaving room for buffers and the runtime', () => {
    const rollup = jobs.find((j) => j.id === 'rollupYear');
    expect(rollup?.memory.heapMiB).toBeGreaterThanOrEqual(128);
    expect(rollup?.memory.heapMiB).toBeLessThanOrEqual(rollup!.memory.functionMiB / 2);
  });

  it('is wired from shared/jobs.ts by default (one schedule per row, none while it is empty)', () => {
    const defaults = synthStack('dev');
    expect(Object.keys(resourcesOf(defaults.template, 'AWS::Scheduler::Schedule'))).toHaveLength(jobs.length);
  });
});
