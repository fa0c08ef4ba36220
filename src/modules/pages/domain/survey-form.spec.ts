import { describe, expect, it } from '@jest/globals';
import { parseForm } from '#src/common/http/forms.js';
import { groupQuestions, readSurveyForm } from './survey-form.js';

const q = (type: string, driverKey: string | null) => ({ type, driverKey }) as { type: 'likert5'; driverKey: string | null };
const A = '0b7e6a3c-2f1d-4c9e-8a7b-5d4e3f2a1b0c';
const B = '1b7e6a3c-2f1d-4c9e-8a7b-5d4e3f2a1b0c';
const C = '2b7e6a3c-2f1d-4c9e-8a7b-5d4e3f2a1b0c';
const S = '6f1c2c8e-6d0e-4b8a-9a54-0c1f5e2a3b4c';

describe('survey page form', () => {
  it('puts consecutive questions of one driver on a screen, at most four, and eNPS and texts alone', () => {
    const questions = [
      q('enps', 'engagement'),
      ...Array.from({ length: 5 }, () => q('likert5', 'growth')),
      q('likert5', 'wellbeing'),
      q('single_choice', 'wellbeing'),
      q('text', 'wellbeing'),
      q('text', null),
      q('likert5', null),
      q('likert5', null),
    ];
    expect(groupQuestions(questions).map((g) => g.length)).toEqual([1, 4, 1, 2, 1, 1, 1, 1]);
  });

  it('reads values, choices and texts, leaving out empty texts and unknown fields', () => {
    const posted = readSurveyForm(
      parseForm(`submissionId=${S}&go=send&locale=fr&v.${A}=4&c.${B}=0&c.${B}=2&t.${C}=+%20&_csrf=x&v.not-a-uuid=1&t.${A.replace('0b', '9b')}=Hello%20there`),
    );
    expect(posted).toMatchObject({ submissionId: S, go: 'send', locale: 'fr' });
    expect(posted.answers).toEqual([
      { questionId: A, value: 4 },
      { questionId: B, choices: [0, 2] },
      { questionId: A.replace('0b', '9b'), text: 'Hello there' },
    ]);
    expect([...posted.problems]).toEqual([]);
  });

  it('names answers that cannot be read, and takes a screen index or send as the destination', () => {
    const posted = readSurveyForm(parseForm(`go=3&v.${A}=4.5&v.${B}=1&v.${B}=2&t.${C}=${'x'.repeat(4001)}&submissionId=nope`));
    expect(posted.go).toBe(3);
    expect(posted.submissionId).toBeNull();
    expect(Object.fromEntries(posted.problems)).toEqual({
      [A]: 'is not one of the choices',
      [B]: 'has more than one answer',
      [C]: 'is longer than 4000 characters',
    });
    expect(readSurveyForm(parseForm('go=../x')).go).toBe(0);
  });
});
