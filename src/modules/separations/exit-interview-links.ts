import { Injectable } from '@nestjs/common';
import { PersonalLinks } from '#src/common/links/personal-links.js';
import { InstanceSecrets } from '#src/common/secrets/instance-secrets.js';

/** A leaver's personal exit-interview link (the token format: {@link PersonalLinks}). */
@Injectable()
export class ExitInterviewLinks extends PersonalLinks {
  constructor(secrets: InstanceSecrets) {
    super(secrets, 'exit_interview_link_secret');
  }

  /** Where the leaver answers: the API route (a page may come later). */
  static path(token: string): string {
    return `/api/v1/exit-responses/${token}`;
  }
}
