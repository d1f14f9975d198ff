const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Every id the API hands out is `<prefix>_<uuid>`. */
export function idPattern(prefix: 'room' | 'session' | 'stream' | 'msg'): RegExp {
  return new RegExp(`^${prefix}_${UUID}$`);
}

export const ROOM_ID_PATTERN = idPattern('room');
export const SESSION_ID_PATTERN = idPattern('session');
export const STREAM_ID_PATTERN = idPattern('stream');

/** The ids used as examples throughout the API document. */
export const EXAMPLE_IDS = {
  room: 'room_a1b2c3d4-e5f6-7890-abcd-ef1234567890',
  session: 'session_7c9e6679-7425-40de-944b-e07fc1f90ae7',
  message: 'msg_0f8fad5b-d9cb-469f-a165-70867728950e',
  stream: 'stream_3f2504e0-4f89-41d3-9a0c-0305e82c3301',
} as const;
