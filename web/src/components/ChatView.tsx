import {
  isAbortError,
  isChatApiError,
  type ChatClient,
  type MessageStream,
  type Room,
  type TerminalEvent,
} from '@careguide/chat-sdk';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { AGENTS, agentLabel } from '../agents';
import { describeError, describeStreamError, type Problem } from '../problems';
import { lastMessageOf, tagsOf, type LastMessage } from '../rooms';
import type { RoomSessions } from '../sessions';
import { prependOlder, storedCount, type Turn } from '../turns';
import { Notice } from './Notice';

/** Stored turns fetched per page of history. */
const HISTORY_PAGE_SIZE = 20;
/** The API's MESSAGE_MAX_CHARS default; the server has the last word. */
const MESSAGE_MAX_CHARS = 4000;
/** Within this many pixels of the bottom, new text keeps the view scrolled to the end. */
const STICK_TO_BOTTOM_PX = 80;

const STATUS_LABELS: Partial<Record<Turn['status'], string>> = {
  cancelled: 'Stopped',
  error: 'Ended early',
  interrupted: 'Interrupted',
};

/** Terminal events say `stored: false` when the turn is held to be written later. */
function waitsToBeStored(data: object): boolean {
  const text =
    'response' in data ? data.response : 'partial_response' in data ? data.partial_response : '';
  return 'stored' in data && data.stored === false && text !== '';
}

interface ChatViewProps {
  client: ChatClient;
  sessions: RoomSessions;
  room: Room;
  /** A turn ended (with what it leaves in the room list, when it was kept): the list may change. */
  onActivity: (turn?: LastMessage) => void;
  onProblem: (problem: Problem) => boolean;
  onEdit: () => void;
  onDelete: () => void;
  onBack: () => void;
}

const TurnView = memo(function TurnView({ turn }: { turn: Turn }) {
  const streaming = turn.status === 'streaming';
  const statusLabel = STATUS_LABELS[turn.status];
  return (
    <li className="turn">
      <div className="bubble bubble-user">
        <span className="visually-hidden">You: </span>
        {turn.user_input}
      </div>
      <div className={`bubble bubble-agent${streaming ? ' is-streaming' : ''}`}>
        <span className="bubble-meta">
          {turn.agent_type ? agentLabel(turn.agent_type) : 'CareGuide'}
          {statusLabel && <span className={`status status-${turn.status}`}>{statusLabel}</span>}
        </span>
        <span className="bubble-text">
          {turn.agent_response}
          {streaming && <span className="caret" aria-hidden="true" />}
          {!streaming && turn.agent_response === '' && (
            <span className="bubble-empty">(no answer)</span>
          )}
        </span>
      </div>
    </li>
  );
});

/** One room's conversation: history, the streaming answer, and the message composer. */
export function ChatView(props: ChatViewProps) {
  const { client, sessions, room, onActivity, onProblem } = props;
  const [turns, setTurns] = useState<Turn[]>([]);
  const [totalStored, setTotalStored] = useState(0);
  const [loading, setLoading] = useState(true);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [draft, setDraft] = useState('');
  const [agent, setAgent] = useState('');
  /** From the moment a message is sent until its answer ends. */
  const [busy, setBusy] = useState(false);
  const [stopping, setStopping] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [blockedUntil, setBlockedUntil] = useState<number>();
  const [announcement, setAnnouncement] = useState('');
  const log = useRef<HTMLOListElement>(null);
  const composer = useRef<HTMLTextAreaElement>(null);
  const stickToBottom = useRef(true);
  const keepOffsetFromBottom = useRef<number | undefined>(undefined);
  const activeStream = useRef<MessageStream | undefined>(undefined);
  /** Stop was asked for before the stream existed (the session was still being made). */
  const stopRequested = useRef(false);
  const localTurns = useRef(0);

  const report = useCallback(
    (next: Problem) => {
      if (onProblem(next)) return;
      setProblem(next);
      if (next.retryAt !== undefined && next.tone === 'error') setBlockedUntil(next.retryAt);
    },
    [onProblem],
  );

  useEffect(() => {
    let cancelled = false;
    client.getRoomHistory(room.room_id, { limit: HISTORY_PAGE_SIZE }).then(
      (page) => {
        if (cancelled) return;
        // A message sent while this loaded is already on screen: keep it, after the history.
        setTurns((current) => prependOlder(current, page.conversations));
        setTotalStored(page.total);
        setLoading(false);
      },
      (error: unknown) => {
        if (cancelled) return;
        report(describeError(error, 'load'));
        setLoading(false);
      },
    );
    composer.current?.focus();
    return () => {
      cancelled = true;
    };
  }, [client, room.room_id, report]);

  // Leaving the room closes its stream; the server keeps what was said.
  useEffect(() => () => activeStream.current?.abort(), []);

  useEffect(() => {
    if (blockedUntil === undefined) return;
    const timer = setTimeout(() => setBlockedUntil(undefined), blockedUntil - Date.now());
    return () => clearTimeout(timer);
  }, [blockedUntil]);

  useLayoutEffect(() => {
    const element = log.current;
    if (!element) return;
    if (keepOffsetFromBottom.current !== undefined) {
      element.scrollTop = element.scrollHeight - keepOffsetFromBottom.current;
      keepOffsetFromBottom.current = undefined;
    } else if (stickToBottom.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [turns]);

  function onScroll() {
    const element = log.current;
    if (!element) return;
    stickToBottom.current =
      element.scrollHeight - element.scrollTop - element.clientHeight < STICK_TO_BOTTOM_PX;
  }

  async function loadOlder() {
    setLoadingOlder(true);
    try {
      const page = await client.getRoomHistory(room.room_id, {
        limit: HISTORY_PAGE_SIZE,
        offset: storedCount(turns),
      });
      const element = log.current;
      if (element) keepOffsetFromBottom.current = element.scrollHeight - element.scrollTop;
      setTurns((current) => prependOlder(current, page.conversations));
      setTotalStored(page.total);
    } catch (error) {
      report(describeError(error, 'load'));
    } finally {
      setLoadingOlder(false);
    }
  }

  const updateTurn = useCallback((key: string, change: Partial<Turn>) => {
    setTurns((current) =>
      current.map((turn) => (turn.key === key ? { ...turn, ...change } : turn)),
    );
  }, []);

  function finish(key: string, terminal: TerminalEvent) {
    if (waitsToBeStored(terminal.data)) {
      setProblem({
        tone: 'info',
        text: 'This answer is not saved yet: the server keeps it and saves it as soon as its database is back.',
      });
    }
    switch (terminal.type) {
      case 'done':
        updateTurn(key, {
          status: 'completed',
          agent_response: terminal.data.response,
          message_id: terminal.data.message_id ?? undefined,
        });
        setAnnouncement('The answer is complete.');
        break;
      case 'cancelled':
        updateTurn(key, {
          status: 'cancelled',
          agent_response: terminal.data.partial_response,
          message_id: terminal.data.message_id ?? undefined,
        });
        setAnnouncement('The answer was stopped; what was written so far is kept.');
        break;
      case 'error':
        updateTurn(key, {
          status: 'error',
          agent_response: terminal.data.partial_response,
          message_id: terminal.data.message_id ?? undefined,
        });
        report(describeStreamError(terminal.data));
        break;
    }
  }

  function track(next: MessageStream): MessageStream {
    activeStream.current = next;
    if (stopRequested.current) {
      stopRequested.current = false;
      void stopStream(next);
    }
    return next;
  }

  /**
   * Sends on the room's session and resolves once the answer starts. A session the server
   * no longer has is replaced and the message sent on the new one: it was refused before
   * anything started, so this cannot duplicate it.
   */
  async function open(message: string): Promise<MessageStream> {
    const input = { message, ...(agent ? { agent_type: agent } : {}) };
    const roomId = room.room_id;
    const first = track(
      client.streamMessage({ session_id: await sessions.forRoom(roomId), ...input }),
    );
    try {
      await first.started;
      return first;
    } catch (error) {
      if (!isChatApiError(error, 'SESSION_EXPIRED', 'SESSION_NOT_FOUND')) throw error;
    }
    setProblem({ tone: 'info', text: 'Your chat session had ended; a new one was started.' });
    const second = track(
      client.streamMessage({ session_id: await sessions.renew(roomId), ...input }),
    );
    await second.started;
    return second;
  }

  async function send() {
    const message = draft.trim();
    if (message === '' || busy || blockedUntil !== undefined) return;
    setBusy(true);
    setProblem(undefined);
    setAnnouncement('');
    localTurns.current += 1;
    const key = `local-${localTurns.current}`;
    stickToBottom.current = true;
    setTurns((current) => [
      ...current,
      {
        key,
        user_input: message,
        agent_response: '',
        status: 'streaming',
        ...(agent ? { agent_type: agent } : {}),
        timestamp: new Date().toISOString(),
      },
    ]);
    setDraft('');
    let ended: LastMessage | undefined;
    try {
      const running = await open(message);
      const start = await running.started;
      updateTurn(key, {
        agent_type: start.agent_type,
        message_id: start.message_id,
        agent_response: running.text,
      });
      const unsubscribe = running.onText((text) => updateTurn(key, { agent_response: text }));
      try {
        const terminal = await running.result;
        finish(key, terminal);
        ended = lastMessageOf(message, start.agent_type, terminal);
      } finally {
        unsubscribe();
      }
    } catch (error) {
      if (isAbortError(error)) return;
      const interrupted = activeStream.current;
      if (interrupted?.start !== undefined) {
        updateTurn(key, { status: 'interrupted', agent_response: interrupted.text });
      } else {
        // Refused: nothing was said, so the message goes back into the box to send again.
        setTurns((all) => all.filter((turn) => turn.key !== key));
        setDraft((typed) => (typed === '' ? message : typed));
      }
      report(describeError(error, 'message'));
    } finally {
      activeStream.current = undefined;
      stopRequested.current = false;
      setBusy(false);
      setStopping(false);
      onActivity(ended);
      // Stop turned back into Send under the person's focus: keep them in the composer.
      const focused = document.activeElement;
      if (focused === null || focused === document.body || focused.closest('.composer')) {
        composer.current?.focus();
      }
    }
  }

  async function stopStream(running: MessageStream) {
    try {
      await running.stop();
    } catch (error) {
      // The answer ended on its own just before the stop arrived: nothing to do.
      if (!isChatApiError(error, 'STREAM_NOT_FOUND') && !running.ended) {
        report(describeError(error, 'message'));
        setStopping(false);
      }
    }
  }

  function stop() {
    if (!busy || stopping) return;
    setStopping(true);
    if (activeStream.current) void stopStream(activeStream.current);
    else stopRequested.current = true;
  }

  // Escape stops the answer from anywhere on the page, unless a dialog is open.
  useEffect(() => {
    if (!busy) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      stop();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  function onComposerKey(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  const streaming = busy;
  const hasOlder = storedCount(turns) < totalStored;
  // The timer above clears it when the wait is over.
  const blocked = blockedUntil !== undefined;
  const tags = tagsOf(room);

  return (
    <section className="chat" aria-labelledby="chat-title">
      <header className="chat-header">
        <button type="button" className="back" onClick={props.onBack}>
          <span aria-hidden="true">←</span> Rooms
        </button>
        <div className="chat-title-block">
          <h2 id="chat-title" className="chat-title">
            {room.room_name}
          </h2>
          {tags.length > 0 && (
            <span className="tags">
              <span className="visually-hidden">Tags: </span>
              {tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </span>
          )}
        </div>
        <div className="chat-actions">
          <button type="button" onClick={props.onEdit}>
            Rename or tag
          </button>
          <button type="button" className="danger-outline" onClick={props.onDelete}>
            Delete
          </button>
        </div>
      </header>

      <ol
        className="log"
        ref={log}
        onScroll={onScroll}
        aria-label="Conversation"
        aria-busy={streaming || loading}
        tabIndex={0}
      >
        {hasOlder && (
          <li className="load-older">
            <button type="button" onClick={() => void loadOlder()} disabled={loadingOlder}>
              {loadingOlder ? 'Loading…' : 'Load older messages'}
            </button>
          </li>
        )}
        {!loading && turns.length === 0 && (
          <li className="log-empty">
            <p>Ask anything about kidney care, diet, research or support services.</p>
            <p className="hint">
              Answers come from CareGuide&apos;s assistants and do not replace your care team.
            </p>
          </li>
        )}
        {turns.map((turn) => (
          <TurnView key={turn.key} turn={turn} />
        ))}
      </ol>

      <div className="composer-area">
        {problem && <Notice problem={problem} onDismiss={() => setProblem(undefined)} />}
        <p className="visually-hidden" role="status">
          {announcement}
        </p>
        <form
          className="composer"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <div className="composer-agent">
            <label htmlFor="agent">Agent</label>
            <select
              id="agent"
              value={agent}
              onChange={(event) => setAgent(event.target.value)}
              disabled={streaming}
            >
              <option value="">Automatic</option>
              {AGENTS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <label htmlFor="message" className="visually-hidden">
            Message
          </label>
          <textarea
            id="message"
            ref={composer}
            rows={2}
            maxLength={MESSAGE_MAX_CHARS}
            placeholder="Write a message"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onComposerKey}
            aria-describedby="composer-hint"
          />
          {streaming ? (
            <button type="button" className="send stop" onClick={stop} disabled={stopping}>
              {stopping ? 'Stopping…' : 'Stop'}
            </button>
          ) : (
            <button
              type="submit"
              className="send primary"
              disabled={draft.trim() === '' || blocked}
            >
              Send
            </button>
          )}
        </form>
        <p className="hint composer-hint" id="composer-hint">
          {streaming
            ? 'Answering… Stop or Esc keeps the text so far.'
            : 'Enter sends · Shift+Enter for a new line'}
        </p>
      </div>
    </section>
  );
}
