import { ValidationFailed } from '../common/errors/domain-error';
import { charCount } from '../common/text';

/** Control characters other than tab, line feed and carriage return. */
function hasDisallowedControl(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f)
      return true;
  }
  return false;
}

/** A message is non-blank, at most MESSAGE_MAX_CHARS characters, and free of control characters. */
export function assertValidMessage(message: string, maxChars: number): void {
  if (message.trim().length === 0)
    throw new ValidationFailed([{ field: 'message', reason: 'must not be blank' }]);
  if (charCount(message) > maxChars) {
    throw new ValidationFailed([{ field: 'message', reason: `at most ${maxChars} characters` }]);
  }
  if (hasDisallowedControl(message)) {
    throw new ValidationFailed([
      { field: 'message', reason: 'must not contain control characters' },
    ]);
  }
}
