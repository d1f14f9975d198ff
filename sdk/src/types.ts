import type { components, operations } from './generated/openapi.js';

type Schemas = components['schemas'];

/** The query of an operation, without `user_id`: the client adds it in dev mode. */
type QueryOf<Operation extends keyof operations> = Omit<
  NonNullable<operations[Operation]['parameters']['query']>,
  'user_id'
>;

export type ErrorCode = Schemas['ErrorCode'];
export type FieldProblem = Schemas['FieldProblemDto'];
export type ErrorEnvelope = Schemas['ErrorResponseDto'];

export type Room = Schemas['RoomDto'];
export type RoomList = Schemas['RoomListDto'];
export type RoomDeleted = Schemas['RoomDeletedDto'];
export type RoomHistory = Schemas['RoomHistoryDto'];
export type Conversation = Schemas['ConversationDto'];
export type TurnStatus = Schemas['TurnStatus'];
export type Session = Schemas['SessionDto'];
export type SessionReset = Schemas['SessionResetDto'];
export type SessionDeleted = Schemas['SessionDeletedDto'];
export type SessionHistoryCleared = Schemas['SessionHistoryClearedDto'];
export type ChatHistory = Schemas['ChatHistoryDto'];
export type HealthReport = Schemas['HealthReportDto'];
/** The answer of Stop: the partial as stored. */
export type StopResult = Schemas['SessionStopDto'];

export type ListRoomsQuery = QueryOf<'listRooms'>;
export type RoomHistoryQuery = QueryOf<'getRoomHistory'>;
export type ChatHistoryQuery = QueryOf<'getChatHistory'>;
export type CreateRoomInput = Omit<Schemas['CreateRoomDto'], 'user_id'>;
/** `metadata_mode` defaults to `merge`: top-level keys given are set, keys given as null removed. */
export type UpdateRoomInput = Omit<Schemas['UpdateRoomDto'], 'user_id' | 'metadata_mode'> & {
  metadata_mode?: NonNullable<Schemas['UpdateRoomDto']['metadata_mode']>;
};
export type SendMessageInput = Omit<Schemas['ChatMessageDto'], 'user_id'>;

export type StartEvent = Schemas['StartEventDto'];
export type ChunkEvent = Schemas['ChunkEventDto'];
export type DoneEvent = Schemas['DoneEventDto'];
export type CancelledEvent = Schemas['CancelledEventDto'];
export type ErrorEvent = Schemas['ErrorEventDto'];

/** One event of a streamed answer; `id` is the SSE event id (increasing within a stream). */
export type ChatStreamEvent =
  | { type: 'start'; id: string | undefined; data: StartEvent }
  | { type: 'chunk'; id: string | undefined; data: ChunkEvent }
  | { type: 'done'; id: string | undefined; data: DoneEvent }
  | { type: 'cancelled'; id: string | undefined; data: CancelledEvent }
  | { type: 'error'; id: string | undefined; data: ErrorEvent };

export type ChatStreamEventType = ChatStreamEvent['type'];

/** The event that ends a stream: exactly one arrives, last. */
export type TerminalEvent = Extract<ChatStreamEvent, { type: 'done' | 'cancelled' | 'error' }>;
