import {
  MetadataTooLarge,
  RoomNameTooLong,
  ValidationFailed,
  type FieldProblem,
} from '../common/errors/domain-error';
import { charCount, hasControlCharacters } from '../common/text';

export const ROOM_NAME_MAX_CHARS = 100;
export const DEFAULT_ROOM_NAME = 'New conversation';
export const METADATA_MAX_BYTES = 10 * 1024;
export const METADATA_MAX_DEPTH = 8;
export const TAGS_MAX_COUNT = 20;
export const TAG_MAX_CHARS = 50;

/** Keys that would reach an object's prototype, or be read as MongoDB operators or paths. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Trims the name; a missing name gets the default, an empty or overlong one is refused. */
export function normalizeRoomName(name: string | undefined): string {
  if (name === undefined) return DEFAULT_ROOM_NAME;
  const trimmed = name.trim();
  if (trimmed.length === 0) {
    throw new ValidationFailed([{ field: 'room_name', reason: 'must not be empty' }]);
  }
  if (hasControlCharacters(trimmed)) {
    throw new ValidationFailed([
      { field: 'room_name', reason: 'must not contain control characters' },
    ]);
  }
  if (charCount(trimmed) > ROOM_NAME_MAX_CHARS) throw new RoomNameTooLong(ROOM_NAME_MAX_CHARS);
  return trimmed;
}

/**
 * Checks metadata before it is stored: plain JSON, safe keys, bounded depth, no list
 * directly inside a list, no NUL character, `tags` a list of short strings (the list
 * filter relies on it), and at most METADATA_MAX_BYTES once serialized.
 */
export function assertValidMetadata(metadata: Record<string, unknown>): void {
  const problems: FieldProblem[] = [];
  inspect(metadata, 'metadata', 1, problems);
  const tags = metadata.tags;
  if (tags !== undefined) {
    if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) {
      problems.push({ field: 'metadata.tags', reason: 'must be a list of strings' });
    } else if (tags.length > TAGS_MAX_COUNT) {
      problems.push({ field: 'metadata.tags', reason: `at most ${TAGS_MAX_COUNT} tags` });
    } else if ((tags as string[]).some((tag) => tag.length === 0 || tag.length > TAG_MAX_CHARS)) {
      problems.push({
        field: 'metadata.tags',
        reason: `each tag 1 to ${TAG_MAX_CHARS} characters`,
      });
    }
  }
  if (problems.length) throw new ValidationFailed(problems);

  const bytes = Buffer.byteLength(JSON.stringify(metadata), 'utf8');
  if (bytes > METADATA_MAX_BYTES) throw new MetadataTooLarge(METADATA_MAX_BYTES, bytes);
}

function inspect(value: unknown, path: string, depth: number, problems: FieldProblem[]): void {
  if (typeof value === 'string') {
    // PostgreSQL (under FerretDB) cannot store it in JSON: refused on every engine alike.
    if (value.includes('\u0000'))
      problems.push({ field: path, reason: 'must not contain the NUL character (U+0000)' });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth > METADATA_MAX_DEPTH) {
    problems.push({ field: path, reason: `nested deeper than ${METADATA_MAX_DEPTH} levels` });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      // FerretDB, the development database, cannot store them: refused on every engine alike.
      if (Array.isArray(item)) {
        problems.push({ field: `${path}[${index}]`, reason: 'a list must not hold lists' });
      } else inspect(item, `${path}[${index}]`, depth + 1, problems);
    });
    return;
  }
  for (const key of Object.keys(value)) {
    if (
      FORBIDDEN_KEYS.has(key) ||
      key.startsWith('$') ||
      key.includes('.') ||
      key.includes('\u0000') ||
      key.length === 0
    ) {
      problems.push({
        field: `${path}.${key}`,
        reason:
          'keys must not be empty, start with $, contain a dot or a NUL character, or be __proto__/constructor/prototype',
      });
      continue;
    }
    inspect((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1, problems);
  }
}

/**
 * `merge` (the default) sets each given top-level key and removes keys given as null;
 * `replace` swaps the whole object.
 */
export function applyMetadataChange(
  current: Record<string, unknown>,
  change: Record<string, unknown>,
  mode: 'merge' | 'replace',
): Record<string, unknown> {
  if (mode === 'replace') return change;
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
