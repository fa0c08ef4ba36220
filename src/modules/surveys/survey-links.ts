import { createHash, createHmac } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InstanceSecrets } from '#src/common/secrets/instance-secrets.js';

const SECRET_SETTING = 'survey_link_secret';
const TENANT_PART = 22; // base64url of 16 bytes

/**
 * Personal survey links. A token is `base64url(tenant id) ‖ base64url(HMAC-SHA256(secret, invitation id))`:
 * unguessable, never stored (only its SHA-256 is), yet HR can list a round's links again because
 * the server can recompute them. The secret is made once and kept in `instance_settings`, so every
 * instance makes the same links.
 */
@Injectable()
export class SurveyLinks implements OnModuleInit {
  private secret: Buffer = Buffer.alloc(0);

  constructor(private readonly secrets: InstanceSecrets) {}

  async onModuleInit(): Promise<void> {
    this.secret = await this.secrets.get(SECRET_SETTING);
  }

  tokenFor(tenantId: string, invitationId: string): string {
    const tenant = Buffer.from(tenantId.replaceAll('-', ''), 'hex').toString('base64url');
    const mac = createHmac('sha256', this.secret).update(`${tenantId}:${invitationId}`).digest('base64url');
    return tenant + mac;
  }

  /** The tenant a token names, or null when it is not one of ours in shape. */
  tenantOf(token: string): string | null {
    if (!/^[A-Za-z0-9_-]{65}$/.test(token)) return null;
    const hex = Buffer.from(token.slice(0, TENANT_PART), 'base64url').toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  static hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  static path(token: string): string {
    return `/s/${token}`;
  }
}
