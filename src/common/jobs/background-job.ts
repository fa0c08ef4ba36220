import { Logger } from '@nestjs/common';

/**
 * The guard every periodic job shares: it runs only where background jobs are enabled, never
 * overlaps itself in one process (a slow pass makes the next tick a no-op), and a failing pass is
 * logged and left to the next tick. Safety across instances is each job's own business (advisory
 * locks, SKIP LOCKED).
 */
export class BackgroundJob {
  private running = false;
  private readonly logger: Logger;

  constructor(
    private readonly name: string,
    private readonly enabled: () => boolean,
  ) {
    this.logger = new Logger(name);
  }

  async run(pass: () => Promise<unknown>): Promise<void> {
    if (!this.enabled() || this.running) return;
    this.running = true;
    try {
      await pass();
    } catch (error) {
      this.logger.warn(`${this.name} pass failed, will retry: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
