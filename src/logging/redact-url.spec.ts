import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('redacts tokens and messages by name, keeping everything else', () => {
    expect(redactUrl('/api/chat/stream?session_id=s1&message=hello%20there&access_token=abc')).toBe(
      '/api/chat/stream?session_id=s1&message=[REDACTED]&access_token=[REDACTED]',
    );
    expect(redactUrl('/api/rooms?limit=5')).toBe('/api/rooms?limit=5');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });

  it.each([
    ['%6Dessage=secret', '%6Dessage=[REDACTED]'],
    ['access%5Ftoken=eyJ.x.y', 'access%5Ftoken=[REDACTED]'],
    [
      '%61%63%63%65%73%73%5f%74%6f%6b%65%6e=eyJ.x.y',
      '%61%63%63%65%73%73%5f%74%6f%6b%65%6e=[REDACTED]',
    ],
    ['MESSAGE=secret', 'MESSAGE=[REDACTED]'],
    ['message[]=secret', 'message[]=[REDACTED]'],
    ['message%5B0%5D=secret', 'message%5B0%5D=[REDACTED]'],
    ['token=abc&token=def', 'token=[REDACTED]&token=[REDACTED]'],
  ])('redacts the encoded or odd name in ?%s', (query, redacted) => {
    expect(redactUrl(`/api/chat/stream?${query}`)).toBe(`/api/chat/stream?${redacted}`);
  });

  it('keeps parameters whose decoded name is not sensitive or that carry no value, and survives malformed escapes', () => {
    const kept = '/x?messages=1&my_token=2&%E0%A4%A=3&message';
    expect(redactUrl(kept)).toBe(kept);
  });
});
