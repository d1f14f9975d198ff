/** True when the text holds a C0 control character or DEL (tabs and newlines included). */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Length in Unicode code points, so an emoji counts as one character. */
export function charCount(text: string): number {
  return [...text].length;
}
