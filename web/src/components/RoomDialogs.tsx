import type { Room } from '@careguide/chat-sdk';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Problem } from '../problems';
import { parseTags, tagsOf } from '../rooms';
import { Notice } from './Notice';

interface ModalProps {
  labelledBy: string;
  onClose: () => void;
  children: ReactNode;
}

/** A native modal dialog: focus moves in, Escape closes it, focus returns to the opener. */
function Modal({ labelledBy, onClose, children }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    // Removing the element on unmount takes it out of the top layer; no close() needed.
    if (element && !element.open) element.showModal();
  }, []);
  return (
    <dialog ref={dialog} aria-labelledby={labelledBy} onClose={onClose} className="dialog">
      {children}
    </dialog>
  );
}

interface EditRoomDialogProps {
  room: Room;
  onSave: (changes: { room_name: string; tags: string[] }) => Promise<Problem | undefined>;
  onClose: () => void;
}

export function EditRoomDialog({ room, onSave, onClose }: EditRoomDialogProps) {
  const [name, setName] = useState(room.room_name);
  const [tags, setTags] = useState(tagsOf(room).join(', '));
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    const failure = await onSave({ room_name: name.trim(), tags: parseTags(tags) });
    setSaving(false);
    if (failure) setProblem(failure);
    else onClose();
  }

  return (
    <Modal labelledBy="edit-room-title" onClose={onClose}>
      <form method="dialog" onSubmit={(event) => void submit(event)}>
        <h2 id="edit-room-title">Rename or tag the room</h2>
        <div className="field">
          <label htmlFor="edit-room-name">Room name</label>
          <input
            id="edit-room-name"
            value={name}
            maxLength={100}
            required
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="edit-room-tags">Tags</label>
          <input
            id="edit-room-tags"
            value={tags}
            aria-describedby="edit-room-tags-hint"
            onChange={(event) => setTags(event.target.value)}
          />
          <p className="hint" id="edit-room-tags-hint">
            Separated by commas, for example <code>kidney, diet</code>.
          </p>
        </div>
        {problem && <Notice problem={problem} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving || name.trim() === ''}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

interface DeleteRoomDialogProps {
  room: Room;
  onDelete: (permanent: boolean) => Promise<Problem | undefined>;
  onClose: () => void;
}

/** Delete (hidden, history kept on the server) or, after a second confirmation, erase for good. */
export function DeleteRoomDialog({ room, onDelete, onClose }: DeleteRoomDialogProps) {
  const [step, setStep] = useState<'choose' | 'confirm-erase'>('choose');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const eraseButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (step === 'confirm-erase') eraseButton.current?.focus();
  }, [step]);

  async function remove(permanent: boolean) {
    setBusy(true);
    const failure = await onDelete(permanent);
    setBusy(false);
    if (failure) setProblem(failure);
  }

  const contents =
    room.message_count === 0
      ? 'the room'
      : `the room and its ${room.message_count} message${room.message_count === 1 ? '' : 's'}`;
  return (
    <Modal labelledBy="delete-room-title" onClose={onClose}>
      {step === 'choose' ? (
        <>
          <h2 id="delete-room-title">Delete “{room.room_name}”?</h2>
          <p>
            <strong>Delete</strong> removes the room from your list; the service keeps its history.{' '}
            <strong>Erase for good</strong> removes {contents} permanently.
          </p>
          {problem && <Notice problem={problem} />}
          <div className="dialog-actions">
            <button type="button" onClick={onClose} autoFocus>
              Cancel
            </button>
            <button
              type="button"
              className="danger-outline"
              onClick={() => setStep('confirm-erase')}
            >
              Erase for good…
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => void remove(false)}
            >
              Delete
            </button>
          </div>
        </>
      ) : (
        <>
          <h2 id="delete-room-title">Erase “{room.room_name}” for good?</h2>
          <p>This erases {contents} permanently. It cannot be undone.</p>
          {problem && <Notice problem={problem} />}
          <div className="dialog-actions">
            <button type="button" onClick={() => setStep('choose')}>
              Back
            </button>
            <button
              type="button"
              className="danger"
              ref={eraseButton}
              disabled={busy}
              onClick={() => void remove(true)}
            >
              Erase for good
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
