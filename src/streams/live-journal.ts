import { Observable } from 'rxjs';
import {
  isTerminal,
  type StreamEvent,
  type StreamEventBody,
  type TerminalEvent,
} from './stream-events';

/** What a journal knows of its stream beyond the events: enough to store it after a crash. */
export interface StreamMeta {
  stream_id: string;
  message_id: string;
  user_id: string;
  session_id: string;
  room_id: string;
  agent_type: string;
  /** The user's message: stored with the partial answer if the instance dies. */
  user_input: string;
  /** The instance that runs the stream. */
  instance_id: string;
  started_at: number;
}

/**
 * One running stream's events, in memory on the instance that produces them. Every
 * event gets the next id; followers (the SSE connection, resumed connections) get the
 * events after the id they already have, then each new one, and complete after the
 * terminal event. Appending never waits: persistence beyond this instance is the
 * journal store's job, coalesced.
 */
export class LiveJournal {
  private readonly events: StreamEvent[] = [];
  private readonly followers = new Set<(event: StreamEvent) => void>();
  private answer = '';
  private changed?: () => void;

  constructor(readonly meta: StreamMeta) {}

  /** Called after every append (the journal store's coalesced writes listen here). */
  onAppend(listener: () => void): void {
    this.changed = listener;
  }

  append(body: StreamEventBody): StreamEvent {
    if (this.terminal) throw new Error(`stream ${this.meta.stream_id} has already ended`);
    const event = { ...body, id: this.events.length + 1 };
    this.events.push(event);
    if (event.type === 'chunk') this.answer += event.data.content;
    for (const follower of this.followers) follower(event);
    this.changed?.();
    return event;
  }

  get terminal(): TerminalEvent | undefined {
    const last = this.events[this.events.length - 1];
    return last && isTerminal(last) ? last : undefined;
  }

  get lastId(): number {
    return this.events.length;
  }

  /** The answer so far: every chunk, joined. */
  text(): string {
    return this.answer;
  }

  eventsAfter(id: number): StreamEvent[] {
    return this.events.slice(Math.max(0, id));
  }

  /** The events after `afterId`, then the live ones, completing after the terminal event. */
  follow(afterId: number): Observable<StreamEvent> {
    return new Observable<StreamEvent>((subscriber) => {
      for (const event of this.eventsAfter(afterId)) subscriber.next(event);
      if (this.terminal) {
        subscriber.complete();
        return undefined;
      }
      const follower = (event: StreamEvent) => {
        subscriber.next(event);
        if (isTerminal(event)) subscriber.complete();
      };
      this.followers.add(follower);
      return () => this.followers.delete(follower);
    });
  }
}
