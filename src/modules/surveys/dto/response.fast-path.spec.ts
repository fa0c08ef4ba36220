import type { ArgumentMetadata } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError } from '#src/common/errors/domain-error.js';
import { createValidationPipe } from '#src/common/http/validation.js';
import { SubmitResponseDto } from './response.dto.js';

/**
 * The fast path must accept exactly what class-validator accepts, pass on the same value, and leave
 * every refusal to class-validator. The reference is the same pipe on a subclass of the DTO: it
 * inherits every decorator but not the fast path (registered on the exact class).
 */
class ClassValidatorOnly extends SubmitResponseDto {}

const pipe = createValidationPipe();
const metadata = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype, data: '' });

async function outcome(metatype: ArgumentMetadata['metatype'], body: unknown) {
  try {
    return { value: JSON.parse(JSON.stringify(await pipe.transform(structuredClone(body), metadata(metatype)))) as unknown };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { problem: error.problem.code, detail: error.detail, extensions: error.extensions };
  }
}

const junk = fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.string(), fc.constant({}), fc.constant([]), fc.constant([1.5]));
/** A valid answer: a question id and any of the three answer fields, each valid. */
const validAnswer = fc.record(
  {
    questionId: fc.uuid(),
    value: fc.integer({ min: -2, max: 12 }),
    choices: fc.array(fc.integer({ min: 0, max: 25 }), { minLength: 1, maxLength: 20 }),
    text: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('x'.repeat(4000), '😀'.repeat(2000), '')),
  },
  { requiredKeys: ['questionId'] },
);
const validBody = fc.record({ submissionId: fc.uuid(), answers: fc.array(validAnswer, { minLength: 1, maxLength: 4 }) });
/** One change that may or may not break the body, near each rule's edge. */
const mutation = fc.constantFrom(
  'none',
  'extra-top',
  'extra-answer',
  'bad-submission',
  'no-answers',
  'too-many-answers',
  'bad-question',
  'fraction-value',
  'string-value',
  'null-value',
  'empty-choices',
  'too-many-choices',
  'fraction-choice',
  'long-text',
  'text-number',
  'answer-not-object',
);
function mutate(body: { submissionId: string; answers: Record<string, unknown>[] }, change: string, junkValue: unknown): unknown {
  const copy = structuredClone(body) as { submissionId: unknown; answers: unknown[] } & Record<string, unknown>;
  const first = copy.answers[0] as Record<string, unknown>;
  switch (change) {
    case 'extra-top': copy.other = junkValue; break;
    case 'extra-answer': first.extra = junkValue; break;
    case 'bad-submission': copy.submissionId = junkValue; break;
    case 'no-answers': copy.answers = []; break;
    case 'too-many-answers': copy.answers = Array.from({ length: 61 }, () => first); break;
    case 'bad-question': first.questionId = 'not-a-uuid'; break;
    case 'fraction-value': first.value = 2.5; break;
    case 'string-value': first.value = '3'; break;
    case 'null-value': first.value = null; break;
    case 'empty-choices': first.choices = []; break;
    case 'too-many-choices': first.choices = Array.from({ length: 21 }, () => 1); break;
    case 'fraction-choice': first.choices = [1, 1.5]; break;
    case 'long-text': first.text = 'x'.repeat(4001); break;
    case 'text-number': first.text = 7; break;
    case 'answer-not-object': copy.answers = [junkValue]; break;
  }
  return copy;
}
const body = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(validBody, mutation, junk).map(([b, change, j]) => mutate(b, change, j)) },
  { weight: 1, arbitrary: junk },
);

describe('survey submission fast path', () => {
  it('gives the answer class-validator gives, for good and bad bodies alike', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (candidate) => {
        expect(await outcome(SubmitResponseDto, candidate)).toEqual(await outcome(ClassValidatorOnly, candidate));
      }),
      { numRuns: 400 },
    );
  });

  it('takes the plainly valid body without class-validator', async () => {
    const good = { submissionId: '6f1c2c8e-6d0e-4b8a-9a54-0c1f5e2a3b4c', answers: [{ questionId: '0b7e6a3c-2f1d-4c9e-8a7b-5d4e3f2a1b0c', value: 4 }] };
    expect(await outcome(SubmitResponseDto, good)).toEqual({ value: good });
  });
});
