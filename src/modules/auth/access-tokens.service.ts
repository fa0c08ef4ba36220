import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '#src/config/config.module.js';
import type { AppConfig } from '#src/config/app-config.js';

const SECRET_SETTING = 'jwt_secret';
const ISSUER = 'tandem';

export interface AccessTokenClaims {
  /** User id. */
  readonly sub: string;
  /** Tenant id. */
  readonly tid: string;
}

/**
 * Signs and checks the JWTs users get at login (HS256). The secret is JWT_SECRET, or else a random
 * secret created once and kept in `instance_settings`, so every instance on the database shares it.
 */
@Injectable()
export class AccessTokensService implements OnModuleInit {
  private secret = '';

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.secret = this.config.jwtSecret ?? (await this.loadSharedSecret());
  }

  get ttlSeconds(): number {
    return this.config.jwtTtlSeconds;
  }

  issue(claims: AccessTokenClaims): Promise<string> {
    return this.jwt.signAsync(
      { tid: claims.tid },
      { secret: this.secret, subject: claims.sub, expiresIn: this.config.jwtTtlSeconds, issuer: ISSUER, algorithm: 'HS256' },
    );
  }

  /** The claims of a valid, unexpired token of ours; null for anything else. */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub?: unknown; tid?: unknown }>(token, {
        secret: this.secret,
        issuer: ISSUER,
        algorithms: ['HS256'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.tid !== 'string') return null;
      if (!UUID.test(payload.sub) || !UUID.test(payload.tid)) return null;
      return { sub: payload.sub, tid: payload.tid };
    } catch {
      return null;
    }
  }

  private async loadSharedSecret(): Promise<string> {
    await this.dataSource.query(
      `INSERT INTO instance_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
      [SECRET_SETTING, randomBytes(48).toString('base64url')],
    );
    const rows: { value: string }[] = await this.dataSource.query(`SELECT value FROM instance_settings WHERE key = $1`, [
      SECRET_SETTING,
    ]);
    return rows[0]!.value;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
