/**
 * CPU profiles of a child process taken over the inspector protocol, so a profile
 * covers exactly the phase being measured (not start-up or set-up). The child must run
 * with --inspect=127.0.0.1:<port>.
 */
export class RemoteProfiler {
  private socket?: WebSocket;
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  async connect(inspectPort: number): Promise<void> {
    const targets = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error('inspector connection failed'));
    });
    socket.onmessage = (message: MessageEvent) => {
      const reply = JSON.parse(String(message.data)) as { id?: number; result?: unknown };
      if (reply.id !== undefined) this.pending.get(reply.id)?.(reply.result);
    };
    this.socket = socket;
    await this.send('Profiler.enable');
    await this.send('Profiler.setSamplingInterval', { interval: 200 });
  }

  start(): Promise<unknown> {
    return this.send('Profiler.start');
  }

  async stop(): Promise<unknown> {
    const result = (await this.send('Profiler.stop')) as { profile: unknown };
    return result.profile;
  }

  close(): void {
    this.socket?.close();
  }

  private send(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId;
    this.nextId += 1;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket?.send(JSON.stringify({ id, method, params }));
    });
  }
}
