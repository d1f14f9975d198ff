// Generated from openapi.json by `npm run openapi` (openapi-typescript). Do not edit.

export interface paths {
    "/api/admin/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Users, rooms, turns of the last 24 h, streams now and capacity
         * @description Users with a room and those with a turn in the last 24 hours, live and soft-deleted rooms, turns stored in the last 24 hours, streams running on every instance and on this one, and the capacity per instance. Admin role required (else 403).
         */
        get: operations["getStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/streams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Streams running now on every instance, oldest first
         * @description This instance's streams merged with the other instances' records, each with its user, room, session, agent, start and last heartbeat; `limit` 1..500 (default 100) and `offset`. Admin role required (else 403).
         */
        get: operations["listRunningStreams"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/streams/{stream_id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop any user's stream, on whichever instance runs it; returns the stored partial
         * @description Exactly as the user's own Stop: the stream ends with `cancelled` and the partial is stored as a cancelled turn before the answer; 404 STREAM_NOT_FOUND when no stream of that id runs. Admin role required (else 403).
         */
        post: operations["stopAnyStream"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Erase everything a user has: streams stopped, then history, rooms and sessions
         * @description The user's running streams are stopped on every instance and their partials stored, then their stored turns, rooms (live and soft-deleted) and sessions are erased for good; answers the counts. Calling it again answers zeros. Admin role required (else 403).
         */
        delete: operations["eraseUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{user_id}/rooms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's rooms, live and soft-deleted (read-only)
         * @description `state` is `all` (default), `live` or `deleted`; most recently active first, with `limit` and `offset`. Admin role required (else 403).
         */
        get: operations["listUserRooms"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's stored turns, by session and/or room, newest first by default
         * @description Only the caller's own turns, filtered by `session_id` and/or `room_id`, a page at a time: `limit` 1..100 and `offset`, `order=asc` for oldest first.
         */
        get: operations["getChatHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat/message": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a message; the answer streams back as Server-Sent Events
         * @description The router picks the agent unless `agent_type` is given. Refusals come before any event, as JSON error envelopes: a spent message budget (RATE_LIMIT_MESSAGES per window, 429 RATE_LIMITED with Retry-After), a second stream in the session (409), more than MAX_STREAMS_PER_USER streams of the user (429 STREAM_LIMIT_EXCEEDED with Retry-After), an instance at STREAM_CAPACITY or shutting down (503). With Last-Event-ID the request never starts a turn: it resumes the session's newest stream, or answers 204.
         */
        post: operations["sendMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The same stream for EventSource clients (query parameters)
         * @description POST /api/chat/message with its fields as query parameters, for EventSource, which can send neither a body nor headers: the token goes as `access_token` (redacted from logs). Close the EventSource on the terminal event. A reconnect (it carries Last-Event-ID) resumes the stream where it broke off and never sends the message again; once there is nothing more to send it is answered 204, which tells EventSource to stop.
         */
        get: operations["streamMessageForEventSource"];
        put?: never;
        /**
         * Same as POST /api/chat/message (the reference design's alternative endpoint)
         * @description The same body, answers and limits as POST /api/chat/message; both draw on one message budget per user.
         */
        post: operations["streamMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat/streams/{stream_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Resume a stream after a dropped connection
         * @description The `stream_id` is in the `start` event. Sends the events after Last-Event-ID (header) or `last_event_id` (query), with their original ids, then the live ones, then the terminal event: no event twice, none missing. Works on any instance with Redis, on the instance that ran it without. A finished stream can be replayed for STREAM_REPLAY_TTL_MS.
         */
        get: operations["resumeStream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Detailed health of every component
         * @description The state of the database, the sessions and the streams (with the stream capacity), the version and the time; answers 200 even when a part is unhealthy, which `status` says.
         */
        get: operations["healthReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's live rooms
         * @description Soft-deleted rooms are hidden. A page at a time (`limit` 1..100, default 50, and `offset`), sorted by `last_activity` (default), `created_at` or `room_name`, newest first unless `order=asc`; `tag` keeps the rooms whose `metadata.tags` holds it. Each room carries its `message_count` and `last_message`.
         */
        get: operations["listRooms"];
        put?: never;
        /**
         * Create a room
         * @description `room_name` is trimmed (omitted: "New conversation", at most 100 characters); `metadata` is a JSON object of at most 10 KB whose `tags` are up to 20 strings. A user has at most MAX_ROOMS_PER_USER (50) live rooms, else 400 ROOM_LIMIT_EXCEEDED. Creations are limited per user (RATE_LIMIT_ROOM_CREATES per window, else 429 RATE_LIMITED with Retry-After); a request refused by validation spends nothing.
         */
        post: operations["createRoom"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/rooms/{room_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one room
         * @description One live room of the caller. Another user's room answers 404 ROOM_NOT_FOUND exactly like a room that does not exist, so ids cannot be probed.
         */
        get: operations["getRoom"];
        put?: never;
        post?: never;
        /**
         * Soft-delete a room, or erase it and its conversations with permanent=true
         * @description By default the room is hidden from every read and its history kept; its place under the room limit is freed. `permanent=true` erases the room, live or soft-deleted, and all of its stored conversations for good (right to erasure).
         */
        delete: operations["deleteRoom"];
        options?: never;
        head?: never;
        /**
         * Rename a room or change its metadata
         * @description `metadata_mode=merge` (default) sets each top-level key given and removes the keys given as null; `replace` swaps the whole object. The same limits as on create apply. Answers the room after the change.
         */
        patch: operations["updateRoom"];
        trace?: never;
    };
    "/api/rooms/{room_id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A room's stored conversations, newest first by default
         * @description Every stored turn of a live room of the caller (finished, cancelled, failed or interrupted), a page at a time: `limit` 1..100 and `offset`, `order=asc` for oldest first.
         */
        get: operations["getRoomHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a session in one of your rooms
         * @description The room must be a live room of the caller (else 404 ROOM_NOT_FOUND). A session keeps each agent's recent turns in memory for the prompt and expires after SESSION_TTL_MS without use.
         */
        post: operations["createSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a session (and slide its expiry)
         * @description Every use of a session moves `expires_at` to now + SESSION_TTL_MS; `streaming` is true while an answer streams (such a session does not expire). An expired session answers 410 SESSION_EXPIRED until it is swept, then 404.
         */
        get: operations["getSession"];
        put?: never;
        post?: never;
        /**
         * Delete a session, stopping its stream first
         * @description A running stream is stopped first and its partial stored (`stream_stopped`). An expired session can still be deleted; its stored turns stay in the room.
         */
        delete: operations["deleteSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session/{session_id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Erase this session's stored conversations in its room
         * @description The turns this session stored in its room are erased for good; the room's `message_count` and `last_message` follow.
         */
        delete: operations["clearSessionHistory"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session/{session_id}/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset one agent's in-memory context, or all of them
         * @description Drops the in-memory turns of `agent_type`, or of every agent when it is left out. Stored history stays, but turns from before the reset never return to a prompt.
         */
        post: operations["resetSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session/{session_id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop the streaming answer; returns the partial once it is stored
         * @description The stream ends with a `cancelled` event and the answer returns the partial once it is stored (`stored`); 404 STREAM_NOT_FOUND when nothing streams. Works from any instance (with Redis), and on the instance running the stream even when Redis is down. A stream whose instance died answers at once with the partial its journal kept (`stream_status: interrupted`).
         */
        post: operations["stopStream"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness: the process answers
         * @description Answers 200 while the process runs; nothing else is checked. For liveness probes.
         */
        get: operations["liveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: 503 while the database is unreachable
         * @description Answers 200 when MongoDB, and Redis when configured, answer a ping; 503 SERVICE_UNAVAILABLE when one does not, or while the instance shuts down. For readiness probes and load balancers.
         */
        get: operations["readiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AdminRoomDto: {
            /**
             * Format: date-time
             * @example 2025-01-26T10:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example null
             */
            deleted_at: string | null;
            /** @example false */
            is_deleted: boolean;
            /**
             * Format: date-time
             * @description Creation or last stored turn.
             * @example 2025-01-26T10:30:00.000Z
             */
            last_activity: string;
            /** @description Newest stored turn, null before the first. */
            last_message: components["schemas"]["LastMessageDto"] | null;
            /**
             * @description Stored turns in this room.
             * @example 0
             */
            message_count: number;
            /**
             * @example {
             *       "initial_agent": "research_paper",
             *       "tags": [
             *         "kidney",
             *         "research"
             *       ]
             *     }
             */
            metadata: {
                [key: string]: unknown;
            };
            /** @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890 */
            room_id: string;
            /** @example Kidney Disease Discussion */
            room_name: string;
            /**
             * Format: date-time
             * @description Last rename or metadata change.
             * @example 2025-01-26T10:30:00.000Z
             */
            updated_at: string;
            /** @example user_123 */
            user_id: string;
        };
        AdminRoomStatsDto: {
            /**
             * @description Soft-deleted, kept until purged.
             * @example 300
             */
            deleted: number;
            /** @example 5400 */
            live: number;
        };
        AdminStatsDto: {
            rooms: components["schemas"]["AdminRoomStatsDto"];
            streams: components["schemas"]["AdminStreamStatsDto"];
            /**
             * @description Turns stored in the last 24 hours.
             * @example 640
             */
            turns_last_24h: number;
            users: components["schemas"]["AdminUserStatsDto"];
        };
        AdminStreamDto: {
            /**
             * @description Seconds since the stream started.
             * @example 12.5
             */
            age_seconds: number;
            /** @example nutrition */
            agent_type: string;
            /**
             * Format: date-time
             * @description Last heartbeat of the stream's instance.
             * @example 2025-01-26T15:45:10.000Z
             */
            last_heartbeat: string;
            /** @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890 */
            room_id: string;
            /** @example session_7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            session_id: string;
            /**
             * Format: date-time
             * @example 2025-01-26T15:45:00.000Z
             */
            started_at: string;
            /** @example stream_3f2504e0-4f89-41d3-9a0c-0305e82c3301 */
            stream_id: string;
            /** @example user_123 */
            user_id: string;
        };
        AdminStreamListDto: {
            /**
             * @description floor(offset / limit) + 1
             * @example 1
             */
            page: number;
            /**
             * @description The limit used.
             * @example 100
             */
            page_size: number;
            /** @description Oldest first. */
            streams: components["schemas"]["AdminStreamDto"][];
            /**
             * @description Streams running on every instance.
             * @example 3
             */
            total: number;
        };
        AdminStreamStatsDto: {
            /**
             * @description STREAM_CAPACITY: streams one instance accepts.
             * @example 500
             */
            capacity_per_instance: number;
            /**
             * @description Streams running now on every instance.
             * @example 12
             */
            running: number;
            /**
             * @description Streams running on the instance that answered.
             * @example 4
             */
            running_here: number;
        };
        AdminStreamStopDto: {
            /**
             * @description What was streamed before the stop, stored as a `cancelled` turn.
             * @example Based on recent research, the main
             */
            partial_response: string;
            /** @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890 */
            room_id: string;
            /** @example session_7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            session_id: string;
            /**
             * @example stop_requested
             * @enum {string}
             */
            status: "stop_requested";
            /** @example stream_3f2504e0-4f89-41d3-9a0c-0305e82c3301 */
            stream_id: string;
            /**
             * @description How the stream ended: `cancelled`, or `completed` if it finished first.
             * @example cancelled
             */
            stream_status: string;
            /** @example user_123 */
            user_id: string;
        };
        AdminUserErasedDto: {
            /**
             * @description Stored turns erased.
             * @example 42
             */
            conversations_deleted: number;
            /**
             * @description Rooms erased, live and soft-deleted.
             * @example 3
             */
            rooms_deleted: number;
            /**
             * @description Sessions removed from the session store.
             * @example 2
             */
            sessions_deleted: number;
            /**
             * @description Running streams stopped first (partials stored, then erased).
             * @example 1
             */
            streams_stopped: number;
            /** @example user_123 */
            user_id: string;
        };
        AdminUserRoomsDto: {
            /**
             * @description floor(offset / limit) + 1
             * @example 1
             */
            page: number;
            /**
             * @description The limit used.
             * @example 100
             */
            page_size: number;
            /** @description Most recently active first. */
            rooms: components["schemas"]["AdminRoomDto"][];
            /**
             * @description Rooms in the state asked for.
             * @example 3
             */
            total: number;
            /** @example user_123 */
            user_id: string;
        };
        AdminUserStatsDto: {
            /**
             * @description Users with a stored turn in the last 24 hours.
             * @example 85
             */
            active_last_24h: number;
            /**
             * @description Users with at least one room, live or soft-deleted.
             * @example 1200
             */
            total: number;
        };
        CancelledEventDto: {
            /**
             * @description Null when nothing had been said (nothing stored).
             * @example msg_0f8fad5b-d9cb-469f-a165-70867728950e
             */
            message_id: string | null;
            /**
             * @description What was streamed before the stop.
             * @example Based on recent
             */
            partial_response: string;
            /**
             * @description Whether the turn is in the database: false when nothing was said, or while a database outage holds it (it is written when the database returns).
             * @example true
             */
            stored: boolean;
        };
        ChatHistoryDto: {
            conversations: components["schemas"]["ConversationDto"][];
            /**
             * @description floor(offset / limit) + 1
             * @example 1
             */
            page: number;
            /**
             * @description The limit used.
             * @example 50
             */
            page_size: number;
            /** @example 12 */
            total: number;
        };
        ChatMessageDto: {
            /**
             * @description research_paper, medical_welfare, nutrition or general; omitted lets the router choose.
             * @example research_paper
             */
            agent_type?: string | null;
            /**
             * @description Non-blank, at most MESSAGE_MAX_CHARS (4000) characters, no control characters but tab and newlines.
             * @example What are the latest treatments for stage 3 kidney disease?
             */
            message: string;
            /**
             * @description Optional; when given it must be the session's room.
             * @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890
             */
            room_id?: string | null;
            /** @example session_7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            session_id: string;
            /**
             * @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED).
             * @example user_123
             */
            user_id?: string | null;
        };
        ChunkEventDto: {
            /**
             * @description The next piece of the answer; join them in order.
             * @example kidney
             */
            content: string;
        };
        ComponentHealthDto: {
            /**
             * @description Why the component is not healthy.
             * @example ping timed out
             */
            error?: string;
            /**
             * @description Round trip of a ping, in milliseconds.
             * @example 3
             */
            latency_ms?: number;
            /** @example healthy */
            status: components["schemas"]["HealthState"];
        };
        ConversationDto: {
            /** @example Based on recent research... */
            agent_response: string;
            /** @example research_paper */
            agent_type: string;
            /** @example msg_0f8fad5b-d9cb-469f-a165-70867728950e */
            message_id: string;
            metadata: components["schemas"]["TurnMetadataDto"];
            /** @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890 */
            room_id: string;
            /** @example session_7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            session_id: string;
            /** @example completed */
            status: components["schemas"]["TurnStatus"];
            /**
             * Format: date-time
             * @example 2025-01-26T15:45:00.000Z
             */
            timestamp: string;
            /** @example What are the latest treatments? */
            user_input: string;
        };
        CreateRoomDto: {
            /**
             * @description Free-form JSON object, at most 10240 bytes serialized. `tags` (list of strings) is what the list filter matches. Keys must not start with $, contain a dot or a NUL character, or be __proto__/constructor/prototype; no string may contain a NUL character; nesting is at most 8 levels, and a list must not directly hold lists.
             * @example {
             *       "initial_agent": "research_paper",
             *       "tags": [
             *         "kidney",
             *         "research"
             *       ]
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description Trimmed; at most 100 characters (else ROOM_NAME_TOO_LONG). Defaults to "New conversation".
             * @example Kidney Disease Discussion
             */
            room_name?: string | null;
            /**
             * @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED).
             * @example user_123
             */
            user_id?: string | null;
        };
        CreateSessionDto: {
            /**
             * @description A live room of the caller.
             * @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890
             */
            room_id: string;
            /**
             * @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED).
             * @example user_123
             */
            user_id?: string | null;
        };
        DoneEventDto: {
            /**
             * @description Id of the stored turn; null only for an empty answer (nothing stored).
             * @example msg_0f8fad5b-d9cb-469f-a165-70867728950e
             */
            message_id: string | null;
            /** @example gpt-4o-mini */
            model: string;
            /**
             * @description The whole answer (equals the joined chunks).
             * @example Based on recent research...
             */
            response: string;
            /**
             * @description Whether the turn is in the database: false when nothing was said, or while a database outage holds it (it is written when the database returns).
             * @example true
             */
            stored: boolean;
            usage: components["schemas"]["TokenUsageDto"] | null;
        };
        EnvelopeDto: {
            /** @example Room created successfully */
            message: string;
            /**
             * @example true
             * @enum {boolean}
             */
            success: true;
            /**
             * Format: date-time
             * @example 2025-01-26T10:30:00.000Z
             */
            timestamp: string;
        };
        /** @enum {string} */
        ErrorCode: "VALIDATION_ERROR" | "ROOM_LIMIT_EXCEEDED" | "METADATA_TOO_LARGE" | "ROOM_NAME_TOO_LONG" | "UNAUTHORIZED" | "ACCESS_DENIED" | "NOT_FOUND" | "ROOM_NOT_FOUND" | "SESSION_NOT_FOUND" | "STREAM_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "STREAM_ALREADY_ACTIVE" | "SESSION_EXPIRED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "STREAM_LIMIT_EXCEEDED" | "INTERNAL_ERROR" | "SERVICE_UNAVAILABLE" | "LLM_UNAVAILABLE";
        ErrorEventDto: {
            /** @example The language model is unavailable; the partial answer was kept */
            error: string;
            /** @example LLM_UNAVAILABLE */
            error_code: components["schemas"]["ErrorCode"];
            /** @example null */
            message_id: string | null;
            /** @example Based on recent */
            partial_response: string;
            /**
             * @description Whether the turn is in the database: false when nothing was said, or while a database outage holds it (it is written when the database returns).
             * @example true
             */
            stored: boolean;
        };
        ErrorResponseDto: {
            /** @description Per-field problems of a validation error. */
            details?: components["schemas"]["FieldProblemDto"][];
            /**
             * @description What went wrong, in words.
             * @example Request validation failed
             */
            error: string;
            /**
             * @description What went wrong, for programs; each response lists the codes of its status.
             * @example VALIDATION_ERROR
             */
            error_code: components["schemas"]["ErrorCode"];
            /**
             * @description Echo of X-Request-Id.
             * @example 1b4e28ba-2fa1-11d2-883f-0016d3cca427
             */
            request_id: string;
            /**
             * @example false
             * @enum {boolean}
             */
            success: false;
            /**
             * Format: date-time
             * @example 2025-01-26T10:30:00.000Z
             */
            timestamp: string;
        };
        FieldProblemDto: {
            /**
             * @description The request field at fault (dotted path).
             * @example room_name
             */
            field: string;
            /**
             * @description Why it was refused.
             * @example must be a string
             */
            reason: string;
        };
        HealthChecksDto: {
            mongodb: components["schemas"]["ComponentHealthDto"];
            sessions: components["schemas"]["SessionsHealthDto"];
            streams: components["schemas"]["StreamsHealthDto"];
        };
        HealthReportDto: {
            checks: components["schemas"]["HealthChecksDto"];
            /** @example healthy */
            status: components["schemas"]["HealthState"];
            /**
             * Format: date-time
             * @example 2025-01-26T16:00:00.000Z
             */
            timestamp: string;
            /** @example 0.1.0 */
            version: string;
        };
        /** @enum {string} */
        HealthState: "healthy" | "degraded" | "unhealthy";
        LastMessageDto: {
            /** @example Based on recent research... */
            agent_response: string;
            /** @example research_paper */
            agent_type: string;
            /**
             * Format: date-time
             * @example 2025-01-26T15:45:00.000Z
             */
            timestamp: string;
            /** @example What are the latest treatments? */
            user_input: string;
        };
        LivenessDto: {
            /** @example alive */
            status: string;
        };
        ReadinessDto: {
            /**
             * @example {
             *       "mongodb": "up"
             *     }
             */
            checks: {
                [key: string]: string;
            };
            /** @example ready */
            status: string;
        };
        ResetSessionDto: {
            /**
             * @description The agent whose context to reset; omitted resets every agent.
             * @example research_paper
             */
            agent_type?: string | null;
            /**
             * @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED).
             * @example user_123
             */
            user_id?: string | null;
        };
        RoomDeletedDto: {
            /**
             * @description Conversations erased (0 for a soft delete).
             * @example 0
             */
            conversations_deleted: number;
            /**
             * @description Whether the room was erased for good.
             * @example false
             */
            permanent: boolean;
            /** @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890 */
            room_id: string;
        };
        RoomDto: {
            /**
             * Format: date-time
             * @example 2025-01-26T10:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description Creation or last stored turn.
             * @example 2025-01-26T10:30:00.000Z
             */
            last_activity: string;
            /** @description Newest stored turn, null before the first. */
            last_message: components["schemas"]["LastMessageDto"] | null;
            /**
             * @description Stored turns in this room.
             * @example 0
             */
            message_count: number;
            /**
             * @example {
             *       "initial_agent": "research_paper",
             *       "tags": [
             *         "kidney",
             *         "research"
             *       ]
             *     }
             */
            metadata: {
                [key: string]: unknown;
            };
            /** @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890 */
            room_id: string;
            /** @example Kidney Disease Discussion */
            room_name: string;
            /**
             * Format: date-time
             * @description Last rename or metadata change.
             * @example 2025-01-26T10:30:00.000Z
             */
            updated_at: string;
            /** @example user_123 */
            user_id: string;
        };
        RoomHistoryDto: {
            conversations: components["schemas"]["ConversationDto"][];
            /**
             * @description floor(offset / limit) + 1
             * @example 1
             */
            page: number;
            /**
             * @description The limit used.
             * @example 50
             */
            page_size: number;
            /** @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890 */
            room_id: string;
            /** @example 12 */
            total: number;
        };
        RoomListDto: {
            /**
             * @description floor(offset / limit) + 1
             * @example 1
             */
            page: number;
            /**
             * @description The limit used.
             * @example 50
             */
            page_size: number;
            rooms: components["schemas"]["RoomDto"][];
            /**
             * @description Live rooms matching the filter.
             * @example 3
             */
            total: number;
        };
        /** @enum {string} */
        RoomSortField: "last_activity" | "created_at" | "room_name";
        /** @enum {string} */
        RoomState: "live" | "deleted" | "all";
        SessionDeletedDto: {
            /** @example true */
            deleted: boolean;
            /** @example session_7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            session_id: string;
            /**
             * @description Whether a running stream was stopped first.
             * @example false
             */
            stream_stopped: boolean;
        };
        SessionDto: {
            /**
             * Format: date-time
             * @example 2025-01-26T16:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @description Moves forward on every use (sliding expiry).
             * @example 2025-01-26T17:00:00.000Z
             */
            expires_at: string;
            /**
             * Format: date-time
             * @example 2025-01-26T16:30:00.000Z
             */
            last_activity: string;
            /** @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890 */
            room_id: string;
            /** @example session_7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            session_id: string;
            /**
             * @description Whether an answer is streaming in this session now.
             * @example false
             */
            streaming: boolean;
            /** @example user_123 */
            user_id: string;
        };
        SessionHistoryClearedDto: {
            /** @example 4 */
            conversations_deleted: number;
            /** @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890 */
            room_id: string;
            /** @example session_7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            session_id: string;
        };
        SessionResetDto: {
            /**
             * @description In-memory turns dropped.
             * @example 5
             */
            conversations_cleared: number;
            /**
             * @description The agent reset, or `all`.
             * @example research_paper
             */
            reset_scope: string;
            /** @example session_7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            session_id: string;
        };
        SessionStopDto: {
            /**
             * @description Id of the turn; null when nothing had been said (nothing to store).
             * @example msg_0f8fad5b-d9cb-469f-a165-70867728950e
             */
            message_id: string | null;
            /**
             * @description What was streamed before the stop; stored as a cancelled turn unless empty.
             * @example Based on recent research in kidney disease treatment...
             */
            partial_response: string;
            /** @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890 */
            room_id: string;
            /** @example session_7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            session_id: string;
            /**
             * @example stop_requested
             * @enum {string}
             */
            status: "stop_requested";
            /**
             * @description Whether the turn is in the database now. False when nothing was said, or while a database outage holds it: it is then written when the database returns (GET history shows it).
             * @example true
             */
            stored: boolean;
            /** @example stream_3f2504e0-4f89-41d3-9a0c-0305e82c3301 */
            stream_id: string;
            /**
             * @description How the stream ended: `completed` when the answer finished before the stop landed.
             * @example cancelled
             * @enum {string}
             */
            stream_status: "completed" | "cancelled" | "error" | "interrupted";
        };
        SessionsHealthDto: {
            /**
             * @description Live sessions on this instance.
             * @example 12
             */
            active_count: number;
            /** @example healthy */
            status: components["schemas"]["HealthState"];
        };
        /** @enum {string} */
        SortOrder: "asc" | "desc";
        SseCancelledMessageDto: {
            /** @description The SSE `data:` line (JSON). */
            data: components["schemas"]["CancelledEventDto"];
            /**
             * @description The SSE `event:` line. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            event: "cancelled";
            /**
             * @description The SSE `id:` line: increasing within the stream. Sent back as Last-Event-ID, it resumes the stream after this event.
             * @example 1
             */
            id: string;
        };
        SseChunkMessageDto: {
            /** @description The SSE `data:` line (JSON). */
            data: components["schemas"]["ChunkEventDto"];
            /**
             * @description The SSE `event:` line. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            event: "chunk";
            /**
             * @description The SSE `id:` line: increasing within the stream. Sent back as Last-Event-ID, it resumes the stream after this event.
             * @example 1
             */
            id: string;
        };
        SseDoneMessageDto: {
            /** @description The SSE `data:` line (JSON). */
            data: components["schemas"]["DoneEventDto"];
            /**
             * @description The SSE `event:` line. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            event: "done";
            /**
             * @description The SSE `id:` line: increasing within the stream. Sent back as Last-Event-ID, it resumes the stream after this event.
             * @example 1
             */
            id: string;
        };
        SseErrorMessageDto: {
            /** @description The SSE `data:` line (JSON). */
            data: components["schemas"]["ErrorEventDto"];
            /**
             * @description The SSE `event:` line. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            event: "error";
            /**
             * @description The SSE `id:` line: increasing within the stream. Sent back as Last-Event-ID, it resumes the stream after this event.
             * @example 1
             */
            id: string;
        };
        SseStartMessageDto: {
            /** @description The SSE `data:` line (JSON). */
            data: components["schemas"]["StartEventDto"];
            /**
             * @description The SSE `event:` line. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            event: "start";
            /**
             * @description The SSE `id:` line: increasing within the stream. Sent back as Last-Event-ID, it resumes the stream after this event.
             * @example 1
             */
            id: string;
        };
        StartEventDto: {
            /** @example research_paper */
            agent_type: string;
            /**
             * @description Id the stored turn will have.
             * @example msg_0f8fad5b-d9cb-469f-a165-70867728950e
             */
            message_id: string;
            /** @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890 */
            room_id: string;
            /** @example session_7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            session_id: string;
            /** @example stream_3f2504e0-4f89-41d3-9a0c-0305e82c3301 */
            stream_id: string;
        };
        StreamsHealthDto: {
            /**
             * @description Streams running on this instance.
             * @example 3
             */
            active_count: number;
            /**
             * @description STREAM_CAPACITY.
             * @example 500
             */
            capacity: number;
            /**
             * @description `degraded` at STREAM_CAPACITY.
             * @example healthy
             */
            status: components["schemas"]["HealthState"];
        };
        TokenUsageDto: {
            /** @example 138 */
            completion_tokens: number;
            /** @example 312 */
            prompt_tokens: number;
            /** @example 450 */
            total_tokens: number;
        };
        TurnMetadataDto: {
            /** @example gpt-4o-mini */
            model: string | null;
            /** @example 1250 */
            response_time_ms: number | null;
            /** @example 450 */
            tokens_used: number | null;
        };
        /** @enum {string} */
        TurnStatus: "completed" | "cancelled" | "error" | "interrupted";
        UpdateRoomDto: {
            /**
             * @description Free-form JSON object, at most 10240 bytes serialized. `tags` (list of strings) is what the list filter matches. Keys must not start with $, contain a dot or a NUL character, or be __proto__/constructor/prototype; no string may contain a NUL character; nesting is at most 8 levels, and a list must not directly hold lists.
             * @example {
             *       "initial_agent": "research_paper",
             *       "tags": [
             *         "kidney",
             *         "research"
             *       ]
             *     }
             */
            metadata?: {
                [key: string]: unknown;
            } | null;
            /**
             * @description `merge`: each top-level key given replaces the stored one, a key given as null is removed. `replace`: the whole object is swapped.
             * @default merge
             * @example merge
             * @enum {string|null}
             */
            metadata_mode: "merge" | "replace" | null;
            /**
             * @description Trimmed; at most 100 characters (else ROOM_NAME_TOO_LONG). Defaults to "New conversation".
             * @example Kidney Disease Discussion
             */
            room_name?: string | null;
            /**
             * @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED).
             * @example user_123
             */
            user_id?: string | null;
        };
        UserScopedDto: {
            /**
             * @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED).
             * @example user_123
             */
            user_id?: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getStats: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Statistics retrieved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["AdminStatsDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listRunningStreams: {
        parameters: {
            query?: {
                limit?: number | null;
                offset?: number | null;
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Running streams retrieved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["AdminStreamListDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    stopAnyStream: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path: {
                stream_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Stream stopped */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["AdminStreamStopDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description STREAM_NOT_FOUND (error envelope) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    eraseUser: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path: {
                /** @description The user the operation is about. */
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User data erased */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["AdminUserErasedDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listUserRooms: {
        parameters: {
            query?: {
                limit?: number | null;
                offset?: number | null;
                /** @description `live`, soft-`deleted` (kept until purged), or `all`. */
                state?: components["schemas"]["RoomState"];
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path: {
                /** @description The user the operation is about. */
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User rooms retrieved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["AdminUserRoomsDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getChatHistory: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string | null;
                limit?: number | null;
                offset?: number | null;
                order?: components["schemas"]["SortOrder"];
                session_id?: string | null;
                room_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Chat history retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["ChatHistoryDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    sendMessage: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: {
                /** @description Sent by a client reconnecting after a dropped connection: the request then never starts a new turn. It resumes the session's newest stream after that id (missed events with their original ids, then live ones), or answers 204 when there is nothing more to send. */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatMessageDto"];
            };
        };
        responses: {
            /** @description A `text/event-stream`: one message per event, each with an increasing `id:`, an `event:` name and a JSON `data:` line (the schema below describes one message; `x-sse-events` maps each event name to the schema of its `data:`): `start`, any number of `chunk` (join their `content` in order), then exactly one terminal event: `done`, `cancelled` (after Stop or when the client leaves) or `error`. Comment lines (`: keep-alive`) arrive at least every SSE_KEEPALIVE_MS. Refusals before the stream starts are ordinary JSON error envelopes (see the other statuses). A dropped connection is resumed with GET /api/chat/streams/{stream_id} and Last-Event-ID. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example event: start
                     *     id: 1
                     *     data: {"stream_id":"stream_3f2504e0-4f89-41d3-9a0c-0305e82c3301","session_id":"session_7c9e6679-7425-40de-944b-e07fc1f90ae7","room_id":"room_a1b2c3d4-e5f6-7890-abcd-ef1234567890","agent_type":"nutrition","message_id":"msg_0f8fad5b-d9cb-469f-a165-70867728950e"}
                     *
                     *     event: chunk
                     *     id: 2
                     *     data: {"content":"Limit"}
                     *
                     *     event: chunk
                     *     id: 3
                     *     data: {"content":" potassium"}
                     *
                     *     : keep-alive
                     *
                     *     event: chunk
                     *     id: 4
                     *     data: {"content":" and phosphorus."}
                     *
                     *     event: done
                     *     id: 5
                     *     data: {"message_id":"msg_0f8fad5b-d9cb-469f-a165-70867728950e","response":"Limit potassium and phosphorus.","usage":{"prompt_tokens":312,"completion_tokens":5,"total_tokens":317},"model":"gpt-4o-mini","stored":true}
                     */
                    "text/event-stream": components["schemas"]["SseStartMessageDto"] | components["schemas"]["SseChunkMessageDto"] | components["schemas"]["SseDoneMessageDto"] | components["schemas"]["SseCancelledMessageDto"] | components["schemas"]["SseErrorMessageDto"];
                };
            };
            /** @description A reconnect (Last-Event-ID) with nothing more to send: the client has the terminal event, or the replay window has passed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ROOM_NOT_FOUND or SESSION_NOT_FOUND (error envelope; `error_code` tells which) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description STREAM_ALREADY_ACTIVE (error envelope) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED (error envelope) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED or STREAM_LIMIT_EXCEEDED (error envelope; `error_code` tells which) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    streamMessageForEventSource: {
        parameters: {
            query: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string | null;
                session_id: string;
                /** @description Optional; when given it must be the session's room. */
                room_id?: string | null;
                /** @description Non-blank, at most MESSAGE_MAX_CHARS (4000) characters, no control characters but tab and newlines. */
                message: string;
                /** @description research_paper, medical_welfare, nutrition or general; omitted lets the router choose. */
                agent_type?: string | null;
                /** @description The Bearer token, for EventSource clients that cannot send headers. Redacted from logs. */
                access_token?: string | null;
            };
            header?: {
                /** @description Sent by a client reconnecting after a dropped connection: the request then never starts a new turn. It resumes the session's newest stream after that id (missed events with their original ids, then live ones), or answers 204 when there is nothing more to send. */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A `text/event-stream`: one message per event, each with an increasing `id:`, an `event:` name and a JSON `data:` line (the schema below describes one message; `x-sse-events` maps each event name to the schema of its `data:`): `start`, any number of `chunk` (join their `content` in order), then exactly one terminal event: `done`, `cancelled` (after Stop or when the client leaves) or `error`. Comment lines (`: keep-alive`) arrive at least every SSE_KEEPALIVE_MS. Refusals before the stream starts are ordinary JSON error envelopes (see the other statuses). A dropped connection is resumed with GET /api/chat/streams/{stream_id} and Last-Event-ID. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example event: start
                     *     id: 1
                     *     data: {"stream_id":"stream_3f2504e0-4f89-41d3-9a0c-0305e82c3301","session_id":"session_7c9e6679-7425-40de-944b-e07fc1f90ae7","room_id":"room_a1b2c3d4-e5f6-7890-abcd-ef1234567890","agent_type":"nutrition","message_id":"msg_0f8fad5b-d9cb-469f-a165-70867728950e"}
                     *
                     *     event: chunk
                     *     id: 2
                     *     data: {"content":"Limit"}
                     *
                     *     event: chunk
                     *     id: 3
                     *     data: {"content":" potassium"}
                     *
                     *     : keep-alive
                     *
                     *     event: chunk
                     *     id: 4
                     *     data: {"content":" and phosphorus."}
                     *
                     *     event: done
                     *     id: 5
                     *     data: {"message_id":"msg_0f8fad5b-d9cb-469f-a165-70867728950e","response":"Limit potassium and phosphorus.","usage":{"prompt_tokens":312,"completion_tokens":5,"total_tokens":317},"model":"gpt-4o-mini","stored":true}
                     */
                    "text/event-stream": components["schemas"]["SseStartMessageDto"] | components["schemas"]["SseChunkMessageDto"] | components["schemas"]["SseDoneMessageDto"] | components["schemas"]["SseCancelledMessageDto"] | components["schemas"]["SseErrorMessageDto"];
                };
            };
            /** @description A reconnect (Last-Event-ID) with nothing more to send: the client has the terminal event, or the replay window has passed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ROOM_NOT_FOUND or SESSION_NOT_FOUND (error envelope; `error_code` tells which) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description STREAM_ALREADY_ACTIVE (error envelope) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED (error envelope) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED or STREAM_LIMIT_EXCEEDED (error envelope; `error_code` tells which) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    streamMessage: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: {
                /** @description Sent by a client reconnecting after a dropped connection: the request then never starts a new turn. It resumes the session's newest stream after that id (missed events with their original ids, then live ones), or answers 204 when there is nothing more to send. */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatMessageDto"];
            };
        };
        responses: {
            /** @description A `text/event-stream`: one message per event, each with an increasing `id:`, an `event:` name and a JSON `data:` line (the schema below describes one message; `x-sse-events` maps each event name to the schema of its `data:`): `start`, any number of `chunk` (join their `content` in order), then exactly one terminal event: `done`, `cancelled` (after Stop or when the client leaves) or `error`. Comment lines (`: keep-alive`) arrive at least every SSE_KEEPALIVE_MS. Refusals before the stream starts are ordinary JSON error envelopes (see the other statuses). A dropped connection is resumed with GET /api/chat/streams/{stream_id} and Last-Event-ID. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example event: start
                     *     id: 1
                     *     data: {"stream_id":"stream_3f2504e0-4f89-41d3-9a0c-0305e82c3301","session_id":"session_7c9e6679-7425-40de-944b-e07fc1f90ae7","room_id":"room_a1b2c3d4-e5f6-7890-abcd-ef1234567890","agent_type":"nutrition","message_id":"msg_0f8fad5b-d9cb-469f-a165-70867728950e"}
                     *
                     *     event: chunk
                     *     id: 2
                     *     data: {"content":"Limit"}
                     *
                     *     event: chunk
                     *     id: 3
                     *     data: {"content":" potassium"}
                     *
                     *     : keep-alive
                     *
                     *     event: chunk
                     *     id: 4
                     *     data: {"content":" and phosphorus."}
                     *
                     *     event: done
                     *     id: 5
                     *     data: {"message_id":"msg_0f8fad5b-d9cb-469f-a165-70867728950e","response":"Limit potassium and phosphorus.","usage":{"prompt_tokens":312,"completion_tokens":5,"total_tokens":317},"model":"gpt-4o-mini","stored":true}
                     */
                    "text/event-stream": components["schemas"]["SseStartMessageDto"] | components["schemas"]["SseChunkMessageDto"] | components["schemas"]["SseDoneMessageDto"] | components["schemas"]["SseCancelledMessageDto"] | components["schemas"]["SseErrorMessageDto"];
                };
            };
            /** @description A reconnect (Last-Event-ID) with nothing more to send: the client has the terminal event, or the replay window has passed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ROOM_NOT_FOUND or SESSION_NOT_FOUND (error envelope; `error_code` tells which) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description STREAM_ALREADY_ACTIVE (error envelope) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED (error envelope) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED or STREAM_LIMIT_EXCEEDED (error envelope; `error_code` tells which) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    resumeStream: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string | null;
                /** @description The id of the last event the client has; the header Last-Event-ID wins when both are sent. Omitted: replay from the first event. */
                last_event_id?: number | null;
                /** @description The Bearer token, for EventSource clients that cannot send headers. Redacted from logs. */
                access_token?: string | null;
            };
            header?: {
                /** @description Sent by a client reconnecting after a dropped connection: the request then never starts a new turn. It resumes the session's newest stream after that id (missed events with their original ids, then live ones), or answers 204 when there is nothing more to send. */
                "Last-Event-ID"?: string;
            };
            path: {
                stream_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A `text/event-stream`: one message per event, each with an increasing `id:`, an `event:` name and a JSON `data:` line (the schema below describes one message; `x-sse-events` maps each event name to the schema of its `data:`): `start`, any number of `chunk` (join their `content` in order), then exactly one terminal event: `done`, `cancelled` (after Stop or when the client leaves) or `error`. Comment lines (`: keep-alive`) arrive at least every SSE_KEEPALIVE_MS. Refusals before the stream starts are ordinary JSON error envelopes (see the other statuses). A dropped connection is resumed with GET /api/chat/streams/{stream_id} and Last-Event-ID. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example event: start
                     *     id: 1
                     *     data: {"stream_id":"stream_3f2504e0-4f89-41d3-9a0c-0305e82c3301","session_id":"session_7c9e6679-7425-40de-944b-e07fc1f90ae7","room_id":"room_a1b2c3d4-e5f6-7890-abcd-ef1234567890","agent_type":"nutrition","message_id":"msg_0f8fad5b-d9cb-469f-a165-70867728950e"}
                     *
                     *     event: chunk
                     *     id: 2
                     *     data: {"content":"Limit"}
                     *
                     *     event: chunk
                     *     id: 3
                     *     data: {"content":" potassium"}
                     *
                     *     : keep-alive
                     *
                     *     event: chunk
                     *     id: 4
                     *     data: {"content":" and phosphorus."}
                     *
                     *     event: done
                     *     id: 5
                     *     data: {"message_id":"msg_0f8fad5b-d9cb-469f-a165-70867728950e","response":"Limit potassium and phosphorus.","usage":{"prompt_tokens":312,"completion_tokens":5,"total_tokens":317},"model":"gpt-4o-mini","stored":true}
                     */
                    "text/event-stream": components["schemas"]["SseStartMessageDto"] | components["schemas"]["SseChunkMessageDto"] | components["schemas"]["SseDoneMessageDto"] | components["schemas"]["SseCancelledMessageDto"] | components["schemas"]["SseErrorMessageDto"];
                };
            };
            /** @description A reconnect (Last-Event-ID) with nothing more to send: the client has the terminal event, or the replay window has passed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description STREAM_NOT_FOUND (error envelope) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    healthReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Health report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["HealthReportDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    listRooms: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string | null;
                limit?: number | null;
                offset?: number | null;
                order?: components["schemas"]["SortOrder"];
                sort_by?: components["schemas"]["RoomSortField"];
                /** @description Only rooms whose metadata.tags holds this tag. */
                tag?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Rooms retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["RoomListDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    createRoom: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRoomDto"];
            };
        };
        responses: {
            /** @description Room created successfully */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["RoomDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR, ROOM_LIMIT_EXCEEDED, METADATA_TOO_LARGE or ROOM_NAME_TOO_LONG (error envelope; `error_code` tells which) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED (error envelope) */
            429: {
                headers: {
                    /** @description Seconds to wait before trying again. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getRoom: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path: {
                room_id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Room retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["RoomDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ROOM_NOT_FOUND (error envelope) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    deleteRoom: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string | null;
                /** @description false: soft delete (hidden, kept). true: erase the room and all its conversations for good. */
                permanent?: boolean | null;
            };
            header?: never;
            path: {
                room_id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Room deleted successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["RoomDeletedDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ROOM_NOT_FOUND (error envelope) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    updateRoom: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path: {
                room_id: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRoomDto"];
            };
        };
        responses: {
            /** @description Room updated successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["RoomDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR, METADATA_TOO_LARGE or ROOM_NAME_TOO_LONG (error envelope; `error_code` tells which) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ROOM_NOT_FOUND (error envelope) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getRoomHistory: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string | null;
                limit?: number | null;
                offset?: number | null;
                order?: components["schemas"]["SortOrder"];
            };
            header?: never;
            path: {
                room_id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Room history retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["RoomHistoryDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ROOM_NOT_FOUND (error envelope) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    createSession: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSessionDto"];
            };
        };
        responses: {
            /** @description Session created successfully */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["SessionDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ROOM_NOT_FOUND (error envelope) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path: {
                session_id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Session retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["SessionDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_NOT_FOUND (error envelope) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED (error envelope) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    deleteSession: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path: {
                session_id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Session deleted successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["SessionDeletedDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_NOT_FOUND (error envelope) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    clearSessionHistory: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path: {
                session_id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Session history cleared */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["SessionHistoryClearedDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_NOT_FOUND (error envelope) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED (error envelope) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    resetSession: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path: {
                session_id: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetSessionDto"];
            };
        };
        responses: {
            /** @description Session reset successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["SessionResetDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_NOT_FOUND (error envelope) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED (error envelope) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    stopStream: {
        parameters: {
            query?: {
                /** @description The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED). */
                user_id?: string;
            };
            header?: never;
            path: {
                session_id: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserScopedDto"];
            };
        };
        responses: {
            /** @description Stream stop requested */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["SessionStopDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED (error envelope) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED (error envelope) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_NOT_FOUND or STREAM_NOT_FOUND (error envelope; `error_code` tells which) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED (error envelope) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    liveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["LivenessDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
    readiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnvelopeDto"] & {
                        data: components["schemas"]["ReadinessDto"];
                    };
                };
            };
            /** @description VALIDATION_ERROR (error envelope) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE (error envelope) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNSUPPORTED_MEDIA_TYPE (error envelope) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description INTERNAL_ERROR (error envelope) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE (error envelope) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
        };
    };
}
