import { jest } from '@jest/globals';
import { BackgroundJob } from './background-job.js';

describe('BackgroundJob', () => {
  it('does nothing where jobs are disabled', async () => {
    const pass = jest.fn(async () => undefined);
    await new BackgroundJob('test', () => false).run(pass);
    expect(pass).not.toHaveBeenCalled();
  });

  it('never overlaps itself: a tick during a slow pass is skipped', async () => {
    const job = new BackgroundJob('test', () => true);
    let release!: () => void;
    const pass = jest.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const first = job.run(pass);
    await job.run(pass);
    expect(pass).toHaveBeenCalledTimes(1);
    release();
    await first;
    await job.run(async () => undefined);
    expect(pass).toHaveBeenCalledTimes(1);
  });

  it('survives a failing pass and runs again on the next tick', async () => {
    const job = new BackgroundJob('test', () => true);
    await expect(job.run(async () => Promise.reject(new Error('database down')))).resolves.toBeUndefined();
    const next = jest.fn(async () => undefined);
    await job.run(next);
    expect(next).toHaveBeenCalledTimes(1);
  });
});
