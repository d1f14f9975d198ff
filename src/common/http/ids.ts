const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Every id the API hands out is `<prefix>_<uuid>`. */
export function idPattern(prefix: 'room' | 'session' | 'stream' | 'msg'): RegExp {
  return new RegExp(`^${prefix}_${UUID}$`);
}

export const ROOM_ID_PATTERN = idPattern('room');
export const SESSION_ID_PATTERN = idPattern('session');
