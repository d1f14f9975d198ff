import { unescape as unescapeQueryComponent } from 'node:querystring';

/** Query parameters whose values never reach a log line: tokens, and the message of the EventSource route. */
const SENSITIVE_QUERY_PARAMETERS = new Set(['access_token', 'token', 'message']);
const REDACTED = '[REDACTED]';

/**
 * A parameter name as Express reads it (its "simple" parser is node:querystring: `+`
 * is a space, percent escapes are decoded), lower-cased, without a `[...]` suffix.
 * So `%6Dessage`, `access%5Ftoken`, `Message` and `message[]` all read as sensitive.
 */
function decodedName(rawName: string): string {
  return unescapeQueryComponent(rawName.replace(/\+/g, ' ')).toLowerCase().replace(/\[.*$/, '');
}

/** The URL with the value of every sensitive query parameter replaced, however its name is encoded. */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const pairs = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair;
      const rawName = pair.slice(0, equals);
      return SENSITIVE_QUERY_PARAMETERS.has(decodedName(rawName)) ? `${rawName}=${REDACTED}` : pair;
    });
  return `${url.slice(0, queryStart + 1)}${pairs.join('&')}`;
}
