import { Injectable } from '@nestjs/common';
import { PersonalLinks } from '#src/common/links/personal-links.js';
import { InstanceSecrets } from '#src/common/secrets/instance-secrets.js';

/** Personal survey links, one per invitation (the token format: {@link PersonalLinks}). */
@Injectable()
export class SurveyLinks extends PersonalLinks {
  constructor(secrets: InstanceSecrets) {
    super(secrets, 'survey_link_secret');
  }

  static path(token: string): string {
    return `/s/${token}`;
  }
}
