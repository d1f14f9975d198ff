/**
 * An OpenAI-compatible chat completions server for the relay figure of `npm run bench`:
 * every token it streams carries the monotonic clock (process.hrtime, shared by all
 * processes on the machine) at the moment it was written, so a client can tell how long
 * each token took to reach it, through the API or directly.
 */
import { createServer } from 'node:http';

const TOKENS = Number(process.env.TIMED_TOKENS ?? 200);
const INTERVAL_MS = Number(process.env.TIMED_INTERVAL_MS ?? 10);

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      if (sent >= TOKENS) {
        clearInterval(timer);
        res.write('data: [DONE]\n\n');
        res.end();
        return;
      }
      sent += 1;
      const content = ` t${process.hrtime.bigint()}`;
      res.write(
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', model: 'timed', choices: [{ index: 0, delta: { content } }] })}\n\n`,
      );
    }, INTERVAL_MS);
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${(server.address() as { port: number }).port}\n`);
});
