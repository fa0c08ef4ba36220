import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '#src/config/app-config.js';
import { APP_CONFIG } from '#src/config/config.module.js';

/** A message to send; `id` becomes the Message-ID, so a resend after a crash is recognisable. */
export interface Mail {
  readonly id: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** E-mail over the configured SMTP server (`SMTP_URL`); `enabled` is false without one. */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private transport: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.smtpUrl !== undefined;
  }

  async send(mail: Mail): Promise<void> {
    if (!this.config.smtpUrl) throw new Error('No SMTP server is configured (SMTP_URL)');
    this.transport ??= nodemailer.createTransport(this.config.smtpUrl);
    await this.transport.sendMail({ from: this.config.smtpFrom, to: mail.to, subject: mail.subject, text: mail.text, messageId: `<${mail.id}@tandem>` });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
