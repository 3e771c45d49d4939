import { ACTIONS_BY_STRICTNESS, DEFAULT_FILE_LIMITS } from '../file-facts.js';
import { MATCH_DIMENSIONS } from './policy-document.js';

/**
 * The shape of a policy as JSON Schema (draft-07, checked by ajv). Each `title` is the
 * words a problem line uses for what was expected ("must be a positive integer, not -1").
 * Values (CIDR ranges, globs, regular expressions, GUIDs) are checked by the compiler.
 */

const actions = { enum: ACTIONS_BY_STRICTNESS };
const text = { type: 'string', title: 'a string' };
const nonEmptyText = { type: 'string', minLength: 1, title: 'a non-empty string' };
const positiveInteger = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, title: 'a positive integer' };
const byteCount = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, title: 'a number of bytes (an integer, 0 or more)' };
const valueList = { type: 'array', minItems: 1, items: text, title: 'a non-empty list of strings' };

const protectSpec = {
  type: 'object',
  title: 'an object { "with": protector, "label"?: label }',
  properties: { with: nonEmptyText, label: nonEmptyText },
  required: ['with'],
  additionalProperties: false,
};

/** A string or an object: each form checked only when the value has that form, so a number gets one line. */
function eitherStringOrObject(title: string, whenString: object, whenObject: object): object {
  return {
    allOf: [
      { type: ['string', 'object'], title },
      { if: { type: 'string' }, then: whenString },
      { if: { type: 'object' }, then: { type: 'object', ...whenObject } },
    ],
  };
}

const fileSize = {
  type: 'object',
  title: 'an object { "min"?: bytes, "max"?: bytes }',
  properties: { min: byteCount, max: byteCount },
  minProperties: 1,
  additionalProperties: false,
};

const match = {
  type: 'object',
  title: 'an object of dimensions',
  properties: Object.fromEntries(MATCH_DIMENSIONS.map((d) => [d, d === 'fileSize' ? fileSize : valueList])),
  additionalProperties: false,
};

const rule = {
  type: 'object',
  title: 'a rule object { "name", "match", "action", ... }',
  properties: { name: nonEmptyText, match, action: actions, message: text, protect: protectSpec },
  required: ['name', 'match', 'action'],
  additionalProperties: false,
};

export const POLICY_SCHEMA = {
  type: 'object',
  title: 'a JSON object',
  properties: {
    default: eitherStringOrObject('an action or an object { "action", "message"?, "protect"? }', actions, {
      properties: { action: actions, message: text, protect: protectSpec },
      required: ['action'],
      additionalProperties: false,
    }),
    decide: { enum: ['first', 'strictest'] },
    labels: {
      type: 'object',
      title: 'an object of label names to GUIDs',
      additionalProperties: eitherStringOrObject('a GUID or an object { "id", "siteId"? }', {}, {
        properties: { id: nonEmptyText, siteId: nonEmptyText },
        required: ['id'],
        additionalProperties: false,
      }),
    },
    limits: {
      type: 'object',
      title: 'an object of limits',
      properties: Object.fromEntries(Object.keys(DEFAULT_FILE_LIMITS).map((k) => [k, positiveInteger])),
      additionalProperties: false,
    },
    cannotInspect: { enum: ['rule', ...ACTIONS_BY_STRICTNESS] },
    cannotProtect: { enum: ['allow', 'monitor', 'block'] },
    protect: protectSpec,
    rules: { type: 'array', items: rule, title: 'a list of rules' },
  },
  required: ['rules'],
  additionalProperties: false,
} as const;
