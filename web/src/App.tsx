import { createChatClient, type Room } from '@careguide/chat-sdk';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  clearAuth,
  displayName,
  loadAuth,
  saveAuth,
  storageKeyFor,
  toChatAuth,
  type StoredAuth,
} from './auth';
import { ChatView } from './components/ChatView';
import { DeleteRoomDialog, EditRoomDialog } from './components/RoomDialogs';
import { RoomList } from './components/RoomList';
import { SignIn } from './components/SignIn';
import { describeError, type Problem } from './problems';
import { mergeRoomList, withTurn } from './rooms';
import { RoomSessions } from './sessions';

/** The API's page size limit; a user has at most 50 live rooms by default. */
const ROOM_LIST_LIMIT = 100;
const ROOM_HASH_PREFIX = '#/rooms/';

function roomIdFromHash(): string | undefined {
  return location.hash.startsWith(ROOM_HASH_PREFIX)
    ? decodeURIComponent(location.hash.slice(ROOM_HASH_PREFIX.length))
    : undefined;
}

export function App() {
  const [auth, setAuth] = useState<StoredAuth | undefined>(loadAuth);
  const [signInProblem, setSignInProblem] = useState<Problem>();

  const signOut = useCallback((problem?: Problem) => {
    clearAuth();
    setSignInProblem(problem);
    setAuth(undefined);
  }, []);

  if (!auth) {
    return (
      <SignIn
        initialProblem={signInProblem}
        onSignedIn={(next) => {
          saveAuth(next);
          setSignInProblem(undefined);
          setAuth(next);
        }}
      />
    );
  }
  return <ChatApp key={storageKeyFor(auth)} auth={auth} onSignOut={signOut} />;
}

type OpenDialog = { kind: 'edit' | 'delete'; room: Room } | undefined;

function ChatApp({
  auth,
  onSignOut,
}: {
  auth: StoredAuth;
  onSignOut: (problem?: Problem) => void;
}) {
  const client = useMemo(() => createChatClient({ auth: toChatAuth(auth) }), [auth]);
  const sessions = useMemo(() => new RoomSessions(client, storageKeyFor(auth)), [client, auth]);
  const [rooms, setRooms] = useState<Room[]>();
  const [selectedRoomId, setSelectedRoomId] = useState(roomIdFromHash);
  const [listProblem, setListProblem] = useState<Problem>();
  const [dialog, setDialog] = useState<OpenDialog>();
  const newRoomInput = useRef<HTMLInputElement>(null);
  /** Counts local changes to the list, so an older list answer never undoes a newer change. */
  const listChanges = useRef(0);

  /** Problems that end the sign-in go back to the sign-in screen; says whether it did. */
  const handleSignedOut = useCallback(
    (problem: Problem) => {
      if (!problem.signedOut) return false;
      onSignOut(problem);
      return true;
    },
    [onSignOut],
  );

  const refreshRooms = useCallback((): Promise<void> => {
    const changesBefore = listChanges.current;
    return client
      .listRooms({ limit: ROOM_LIST_LIMIT, sort_by: 'last_activity', order: 'desc' })
      .then(
        (list) => {
          if (listChanges.current === changesBefore)
            setRooms((known) => mergeRoomList(list.rooms, known ?? []));
        },
        (error: unknown) => {
          const problem = describeError(error, 'load');
          if (!handleSignedOut(problem)) setListProblem(problem);
        },
      );
  }, [client, handleSignedOut]);

  useEffect(() => {
    void refreshRooms();
  }, [refreshRooms]);

  /** Applies a change made here at once, then reloads the list to settle the order. */
  const changeRooms = useCallback(
    (change: (current: Room[]) => Room[]) => {
      listChanges.current += 1;
      setRooms((current) => change(current ?? []));
      void refreshRooms();
    },
    [refreshRooms],
  );

  useEffect(() => {
    const follow = () => setSelectedRoomId(roomIdFromHash());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  useEffect(() => {
    if (selectedRoomId === undefined) newRoomInput.current?.focus();
  }, [selectedRoomId]);

  const select = useCallback((roomId: string | undefined) => {
    const hash = roomId === undefined ? '' : `${ROOM_HASH_PREFIX}${encodeURIComponent(roomId)}`;
    if (location.hash !== hash) history.pushState(null, '', hash === '' ? location.pathname : hash);
    setSelectedRoomId(roomId);
  }, []);

  async function createRoom(name: string): Promise<boolean> {
    setListProblem(undefined);
    try {
      const room = await client.createRoom(name === '' ? {} : { room_name: name });
      changeRooms((current) => [room, ...current.filter((r) => r.room_id !== room.room_id)]);
      select(room.room_id);
      return true;
    } catch (error) {
      const problem = describeError(error, 'room');
      if (!handleSignedOut(problem)) setListProblem(problem);
      return false;
    }
  }

  async function saveRoom(
    room: Room,
    changes: { room_name: string; tags: string[] },
  ): Promise<Problem | undefined> {
    try {
      const updated = await client.updateRoom(room.room_id, {
        room_name: changes.room_name,
        // In merge mode a null removes the key.
        metadata: { tags: changes.tags.length > 0 ? changes.tags : null },
      });
      changeRooms((current) => current.map((r) => (r.room_id === updated.room_id ? updated : r)));
      return undefined;
    } catch (error) {
      const problem = describeError(error, 'room');
      return handleSignedOut(problem) ? undefined : problem;
    }
  }

  async function deleteRoom(room: Room, permanent: boolean): Promise<Problem | undefined> {
    try {
      await client.deleteRoom(room.room_id, { permanent });
      sessions.forget(room.room_id);
      changeRooms((current) => current.filter((r) => r.room_id !== room.room_id));
      setDialog(undefined);
      select(undefined);
      return undefined;
    } catch (error) {
      const problem = describeError(error, 'room');
      return handleSignedOut(problem) ? undefined : problem;
    }
  }

  const selectedRoom = rooms?.find((room) => room.room_id === selectedRoomId);

  return (
    <div className={`app${selectedRoom ? ' has-room' : ''}`}>
      <header className="topbar">
        <h1 className="brand">
          <span className="brand-mark" aria-hidden="true" />
          CareGuide Chat
        </h1>
        <div className="account">
          <span className="account-name">{displayName(auth)}</span>
          <button
            type="button"
            onClick={() => onSignOut()}
            title={`Signed in as ${displayName(auth)}`}
          >
            Sign out
          </button>
        </div>
      </header>
      <div className="panes">
        <RoomList
          rooms={rooms}
          selectedRoomId={selectedRoom?.room_id}
          problem={listProblem}
          onDismissProblem={() => setListProblem(undefined)}
          onCreate={createRoom}
          onSelect={select}
          newRoomInput={newRoomInput}
        />
        <main className="main-pane">
          {selectedRoom ? (
            <ChatView
              key={selectedRoom.room_id}
              client={client}
              sessions={sessions}
              room={selectedRoom}
              onActivity={(turn) => {
                if (turn) {
                  const roomId = selectedRoom.room_id;
                  setRooms((current) =>
                    current?.map((room) => (room.room_id === roomId ? withTurn(room, turn) : room)),
                  );
                }
                void refreshRooms();
              }}
              onProblem={handleSignedOut}
              onEdit={() => setDialog({ kind: 'edit', room: selectedRoom })}
              onDelete={() => setDialog({ kind: 'delete', room: selectedRoom })}
              onBack={() => select(undefined)}
            />
          ) : (
            <div className="placeholder">
              <p>
                {rooms !== undefined && selectedRoomId !== undefined
                  ? 'That room is not in your list any more.'
                  : 'Choose a room, or create one, to start a conversation.'}
              </p>
            </div>
          )}
        </main>
      </div>
      {dialog?.kind === 'edit' && (
        <EditRoomDialog
          room={dialog.room}
          onSave={(changes) => saveRoom(dialog.room, changes)}
          onClose={() => setDialog(undefined)}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteRoomDialog
          room={dialog.room}
          onDelete={(permanent) => deleteRoom(dialog.room, permanent)}
          onClose={() => setDialog(undefined)}
        />
      )}
    </div>
  );
}
