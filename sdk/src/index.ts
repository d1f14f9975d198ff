export { ChatClient, createChatClient } from './client.js';
export type { ChatApi, ChatAuth, ChatClientOptions } from './client.js';
export {
  ChatApiError,
  ChatConnectionError,
  ChatStreamInterruptedError,
  isAbortError,
  isChatApiError,
  parseRetryAfter,
} from './errors.js';
export type { ChatApiErrorInit } from './errors.js';
export { MessageStream } from './message-stream.js';
export type { ResumeOptions } from './message-stream.js';
export type * from './types.js';
export type { components, operations, paths } from './generated/openapi.js';
