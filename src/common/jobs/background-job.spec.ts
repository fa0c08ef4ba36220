import { jest } from '@jest/globals';
import { BackgroundJob, type JobRunStore } from './background-job.js';

interface Row {
  instance: string;
  outcome: string;
  work: unknown;
  error: string | null;
}

/** job_runs in memory: a tick is claimed once, whoever asks; tests move the clock by hand. */
class MemoryRuns implements JobRunStore {
  readonly rows = new Map<string, Row>();
  private clock = 0;

  async claim(job: string, everyMs: number, instance: string): Promise<{ tick: Date; claimed: boolean }> {
    const tick = new Date(Math.floor(this.clock / everyMs) * everyMs);
    const key = `${job}@${tick.toISOString()}`;
    if (this.rows.has(key)) return { tick, claimed: false };
    this.rows.set(key, { instance, outcome: 'running', work: null, error: null });
    return { tick, claimed: true };
  }

  async finish(job: string, tick: Date, outcome: 'done' | 'failed', work: unknown, error: string | null): Promise<void> {
    Object.assign(this.rows.get(`${job}@${tick.toISOString()}`)!, { outcome, work, error });
  }

  advance(ms: number): void {
    this.clock += ms;
  }
}

describe('BackgroundJob', () => {
  it('runs a tick on one instance only: the second instance to claim it does nothing', async () => {
    const store = new MemoryRuns();
    const pass = jest.fn(async () => ({ sent: 2 }));
    const a = new BackgroundJob('webhooks', 1000, pass, store, 'a');
    const b = new BackgroundJob('webhooks', 1000, pass, store, 'b');
    expect(await Promise.all([a.run(), b.run()])).toEqual(['done', 'taken']);
    expect(pass).toHaveBeenCalledTimes(1);
    expect([...store.rows.values()]).toEqual([{ instance: 'a', outcome: 'done', work: { sent: 2 }, error: null }]);
  });

  it('never overlaps itself: a tick during a slow pass is skipped without claiming', async () => {
    const store = new MemoryRuns();
    let release!: () => void;
    const pass = jest.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const job = new BackgroundJob('test', 1000, pass, store, 'a');
    const first = job.run();
    expect(await job.run()).toBe('busy');
    await new Promise((r) => setImmediate(r));
    expect(pass).toHaveBeenCalledTimes(1);
    release();
    expect(await first).toBe('done');
    await expect(job.idle()).resolves.toBeUndefined();
  });

  it('records a failing pass and runs again on the next tick', async () => {
    const store = new MemoryRuns();
    const pass = jest.fn<() => Promise<unknown>>().mockRejectedValueOnce(new Error('database down')).mockResolvedValueOnce(3);
    const job = new BackgroundJob('test', 1000, pass, store, 'a');
    expect(await job.run()).toBe('failed');
    store.advance(1000);
    expect(await job.run()).toBe('done');
    expect([...store.rows.values()].map((r) => [r.outcome, r.work, r.error])).toEqual([
      ['failed', null, 'database down'],
      ['done', 3, null],
    ]);
  });

  it('skips the pass when the tick cannot be claimed, and survives it', async () => {
    const pass = jest.fn(async () => undefined);
    const store: JobRunStore = { claim: async () => Promise.reject(new Error('connect ECONNREFUSED')), finish: async () => undefined };
    expect(await new BackgroundJob('test', 1000, pass, store, 'a').run()).toBe('unclaimed');
    expect(pass).not.toHaveBeenCalled();
  });
});
