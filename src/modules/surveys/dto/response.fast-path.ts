import { isInt, isUUID, maxLength } from 'class-validator';
import type { FastPath } from '#src/common/http/validation.js';
import { MAX_TEXT_ANSWER } from '../domain/submission.js';
import { MAX_SURVEY_QUESTIONS } from './survey.dto.js';

const ANSWER_KEYS = new Set(['questionId', 'value', 'choices', 'text']);
const MAX_CHOICES = 20;

/**
 * The hot path of answering a survey: accepts a `SubmitResponseDto` body that is plainly valid and
 * hands anything else to class-validator, which words the errors. It mirrors the DTO's decorators
 * with class-validator's own checks, so it cannot accept what they refuse (a property test holds it
 * to that: `response.fast-path.spec.ts`).
 */
export const submitResponseFastPath: FastPath = (value) => {
  if (!isPlainObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 2 || !('submissionId' in value) || !('answers' in value)) return undefined;
  const { submissionId, answers } = value as { submissionId: unknown; answers: unknown };
  if (!isUUID(submissionId)) return undefined;
  if (!Array.isArray(answers) || answers.length < 1 || answers.length > MAX_SURVEY_QUESTIONS) return undefined;
  for (const answer of answers) if (!isPlainAnswer(answer)) return undefined;
  return value;
};

function isPlainAnswer(answer: unknown): boolean {
  if (!isPlainObject(answer)) return false;
  for (const key of Object.keys(answer)) if (!ANSWER_KEYS.has(key)) return false;
  const { questionId, value, choices, text } = answer as Record<string, unknown>;
  if (!isUUID(questionId)) return false;
  if ('value' in answer && !isInt(value)) return false;
  if ('choices' in answer && !(Array.isArray(choices) && choices.length >= 1 && choices.length <= MAX_CHOICES && choices.every((c) => isInt(c)))) return false;
  if ('text' in answer && !(typeof text === 'string' && maxLength(text, MAX_TEXT_ANSWER))) return false;
  return true;
}

/** A plain object from any realm (a parsed JSON body): its prototype is Object.prototype or null. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}
