import type { Room } from '@careguide/chat-sdk';
import { useState, type FormEvent, type RefObject } from 'react';
import type { Problem } from '../problems';
import { lastMessagePreview, tagsOf } from '../rooms';
import { relativeTime } from '../time';
import { Notice } from './Notice';

interface RoomListProps {
  rooms: Room[] | undefined;
  selectedRoomId: string | undefined;
  problem: Problem | undefined;
  onDismissProblem: () => void;
  onCreate: (name: string) => Promise<boolean>;
  onSelect: (roomId: string) => void;
  newRoomInput: RefObject<HTMLInputElement | null>;
}

/** The person's rooms, most recently active first, with the form that creates one. */
export function RoomList({
  rooms,
  selectedRoomId,
  problem,
  onDismissProblem,
  onCreate,
  onSelect,
  newRoomInput,
}: RoomListProps) {
  const [name, setName] = useState('');
  const [creating, setCreating] = useState(false);

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreating(true);
    if (await onCreate(name.trim())) setName('');
    setCreating(false);
  }

  return (
    <nav className="rooms" aria-labelledby="rooms-heading">
      <h2 id="rooms-heading" className="pane-title">
        Rooms
      </h2>
      <form className="new-room" onSubmit={(event) => void create(event)}>
        <label htmlFor="new-room-name" className="visually-hidden">
          New room name
        </label>
        <input
          id="new-room-name"
          ref={newRoomInput}
          placeholder="New room name"
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="primary" disabled={creating}>
          Create
        </button>
      </form>
      {problem && <Notice problem={problem} onDismiss={onDismissProblem} />}
      {rooms === undefined ? (
        <p className="rooms-empty">Loading rooms…</p>
      ) : rooms.length === 0 ? (
        <p className="rooms-empty">No rooms yet. Name one above and start a conversation.</p>
      ) : (
        <ul className="room-list">
          {rooms.map((room) => (
            <li key={room.room_id}>
              <button
                type="button"
                className="room-item"
                aria-current={room.room_id === selectedRoomId ? 'true' : undefined}
                onClick={() => onSelect(room.room_id)}
              >
                <span className="room-item-top">
                  <span className="room-item-name">{room.room_name}</span>
                  <time dateTime={room.last_activity} className="room-item-time">
                    {relativeTime(room.last_activity)}
                  </time>
                </span>
                <span className="room-item-preview">{lastMessagePreview(room)}</span>
                {tagsOf(room).length > 0 && (
                  <span className="tags">
                    <span className="visually-hidden">Tags: </span>
                    {tagsOf(room).map((tag) => (
                      <span key={tag} className="tag">
                        {tag}
                      </span>
                    ))}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
