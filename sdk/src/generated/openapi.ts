// Generated from openapi.json by `npm run openapi` (openapi-typescript). Do not edit.

export interface paths {
    "/api/chat/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's stored turns, by session and/or room, newest first by default */
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
        /** Send a message; the answer streams back as Server-Sent Events */
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
         * @description Close the EventSource on the terminal event. A reconnect (it carries Last-Event-ID) is answered 204, which tells EventSource to stop, so a message is never sent twice.
         */
        get: operations["streamMessageForEventSource"];
        put?: never;
        /** Same as POST /api/chat/message (the reference design's alternative endpoint) */
        post: operations["streamMessage"];
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
        /** Detailed health of every component */
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
        /** List the caller's live rooms */
        get: operations["listRooms"];
        put?: never;
        /** Create a room */
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
        /** Get one room */
        get: operations["getRoom"];
        put?: never;
        post?: never;
        /** Soft-delete a room, or erase it and its conversations with permanent=true */
        delete: operations["deleteRoom"];
        options?: never;
        head?: never;
        /** Rename a room or change its metadata */
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
        /** A room's stored conversations, newest first by default */
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
        /** Create a session in one of your rooms */
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
        /** Get a session (and slide its expiry) */
        get: operations["getSession"];
        put?: never;
        post?: never;
        /** Delete a session, stopping its stream first */
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
        /** Erase this session's stored conversations in its room */
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
        /** Reset one agent's in-memory context, or all of them */
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
        /** Stop the streaming answer; returns the partial once it is stored */
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
        /** Liveness: the process answers */
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
        /** Readiness: 503 while the database is unreachable */
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
            agent_type?: string;
            /**
             * @description Non-blank, at most MESSAGE_MAX_CHARS (4000) characters, no control characters but tab and newlines.
             * @example What are the latest treatments for stage 3 kidney disease?
             */
            message: string;
            /**
             * @description Optional; when given it must be the session's room.
             * @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890
             */
            room_id?: string;
            /** @example session_7c9e6679-7425-40de-944b-e07fc1f90ae7 */
            session_id: string;
            /**
             * @description Caller id. Dev mode: identifies the caller. With a token: must equal its subject.
             * @example user_123
             */
            user_id?: string;
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
             * @description Free-form JSON object, at most 10240 bytes serialized. `tags` (list of strings) is what the list filter matches. Keys must not start with $, contain a dot, or be __proto__/constructor/prototype.
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
            };
            /**
             * @description Trimmed; at most 100 characters (else ROOM_NAME_TOO_LONG). Defaults to "New conversation".
             * @example Kidney Disease Discussion
             */
            room_name?: string;
            /**
             * @description Caller id. Dev mode: identifies the caller. With a token: must equal its subject.
             * @example user_123
             */
            user_id?: string;
        };
        CreateSessionDto: {
            /**
             * @description A live room of the caller.
             * @example room_a1b2c3d4-e5f6-7890-abcd-ef1234567890
             */
            room_id: string;
            /**
             * @description Caller id. Dev mode: identifies the caller. With a token: must equal its subject.
             * @example user_123
             */
            user_id?: string;
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
        };
        ErrorResponseDto: {
            /** @description Per-field problems of a validation error. */
            details?: components["schemas"]["FieldProblemDto"][];
            /** @example Maximum room limit (50) reached. Please delete old rooms. */
            error: string;
            /** @example ROOM_LIMIT_EXCEEDED */
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
        /**
         * @description `merge`: each top-level key given replaces the stored one, a key given as null is removed. `replace`: the whole object is swapped.
         * @enum {string}
         */
        MetadataMode: "merge" | "replace";
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
            agent_type?: string;
            /**
             * @description Caller id. Dev mode: identifies the caller. With a token: must equal its subject.
             * @example user_123
             */
            user_id?: string;
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
             * @description Free-form JSON object, at most 10240 bytes serialized. `tags` (list of strings) is what the list filter matches. Keys must not start with $, contain a dot, or be __proto__/constructor/prototype.
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
            };
            /**
             * @description `merge`: each top-level key given replaces the stored one, a key given as null is removed. `replace`: the whole object is swapped.
             * @default merge
             * @example merge
             */
            metadata_mode: components["schemas"]["MetadataMode"];
            /**
             * @description Trimmed; at most 100 characters (else ROOM_NAME_TOO_LONG). Defaults to "New conversation".
             * @example Kidney Disease Discussion
             */
            room_name?: string;
            /**
             * @description Caller id. Dev mode: identifies the caller. With a token: must equal its subject.
             * @example user_123
             */
            user_id?: string;
        };
        UserScopedDto: {
            /**
             * @description Caller id. Dev mode: identifies the caller. With a token: must equal its subject.
             * @example user_123
             */
            user_id?: string;
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
    getChatHistory: {
        parameters: {
            query?: {
                /** @description Caller id. Dev mode: identifies the caller. With a token: must equal its subject. */
                user_id?: string;
                limit?: number;
                offset?: number;
                order?: components["schemas"]["SortOrder"];
                session_id?: string;
                room_id?: string;
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
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatMessageDto"];
            };
        };
        responses: {
            /** @description A `text/event-stream`. Each event has an increasing `id:` and an `event:` name; `data:` is JSON: `start` (StartEventDto), any number of `chunk` (ChunkEventDto), then exactly one terminal event: `done` (DoneEventDto), `cancelled` (CancelledEventDto, after Stop or when the client leaves) or `error` (ErrorEventDto). Comment lines (`: keep-alive`) arrive at least every SSE_KEEPALIVE_MS. Refusals before the stream starts (validation, 404, 409, 410, 429, 503) are ordinary JSON error envelopes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_NOT_FOUND | ROOM_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description STREAM_ALREADY_ACTIVE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description STREAM_LIMIT_EXCEEDED | RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
                /** @description Caller id. Dev mode: identifies the caller. With a token: must equal its subject. */
                user_id?: string;
                session_id: string;
                /** @description Optional; when given it must be the session's room. */
                room_id?: string;
                /** @description Non-blank, at most MESSAGE_MAX_CHARS (4000) characters, no control characters but tab and newlines. */
                message: string;
                /** @description research_paper, medical_welfare, nutrition or general; omitted lets the router choose. */
                agent_type?: string;
                /** @description The Bearer token, for EventSource clients that cannot send headers. Redacted from logs. */
                access_token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A `text/event-stream`. Each event has an increasing `id:` and an `event:` name; `data:` is JSON: `start` (StartEventDto), any number of `chunk` (ChunkEventDto), then exactly one terminal event: `done` (DoneEventDto), `cancelled` (CancelledEventDto, after Stop or when the client leaves) or `error` (ErrorEventDto). Comment lines (`: keep-alive`) arrive at least every SSE_KEEPALIVE_MS. Refusals before the stream starts (validation, 404, 409, 410, 429, 503) are ordinary JSON error envelopes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Reconnect of a finished stream: nothing more to send. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_NOT_FOUND | ROOM_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description STREAM_ALREADY_ACTIVE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description STREAM_LIMIT_EXCEEDED | RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatMessageDto"];
            };
        };
        responses: {
            /** @description A `text/event-stream`. Each event has an increasing `id:` and an `event:` name; `data:` is JSON: `start` (StartEventDto), any number of `chunk` (ChunkEventDto), then exactly one terminal event: `done` (DoneEventDto), `cancelled` (CancelledEventDto, after Stop or when the client leaves) or `error` (ErrorEventDto). Comment lines (`: keep-alive`) arrive at least every SSE_KEEPALIVE_MS. Refusals before the stream starts (validation, 404, 409, 410, 429, 503) are ordinary JSON error envelopes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_NOT_FOUND | ROOM_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description STREAM_ALREADY_ACTIVE */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description STREAM_LIMIT_EXCEEDED | RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
        };
    };
    listRooms: {
        parameters: {
            query?: {
                /** @description Caller id. Dev mode: identifies the caller. With a token: must equal its subject. */
                user_id?: string;
                limit?: number;
                offset?: number;
                order?: components["schemas"]["SortOrder"];
                sort_by?: components["schemas"]["RoomSortField"];
                /** @description Only rooms whose metadata.tags holds this tag. */
                tag?: string;
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
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
            query?: never;
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
            /** @description ROOM_LIMIT_EXCEEDED | ROOM_NAME_TOO_LONG | METADATA_TOO_LARGE */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
            query?: never;
            header?: never;
            path: {
                room_id: string;
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
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ROOM_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
                /** @description Caller id. Dev mode: identifies the caller. With a token: must equal its subject. */
                user_id?: string;
                /** @description false: soft delete (hidden, kept). true: erase the room and all its conversations for good. */
                permanent?: boolean;
            };
            header?: never;
            path: {
                room_id: string;
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
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ROOM_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
            query?: never;
            header?: never;
            path: {
                room_id: string;
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
            /** @description ROOM_NAME_TOO_LONG | METADATA_TOO_LARGE */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ROOM_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
                /** @description Caller id. Dev mode: identifies the caller. With a token: must equal its subject. */
                user_id?: string;
                limit?: number;
                offset?: number;
                order?: components["schemas"]["SortOrder"];
            };
            header?: never;
            path: {
                room_id: string;
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
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ROOM_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
            query?: never;
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
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ROOM_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
            query?: never;
            header?: never;
            path: {
                session_id: string;
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
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
            query?: never;
            header?: never;
            path: {
                session_id: string;
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
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
            query?: never;
            header?: never;
            path: {
                session_id: string;
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
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
            query?: never;
            header?: never;
            path: {
                session_id: string;
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
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
            query?: never;
            header?: never;
            path: {
                session_id: string;
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
            /** @description VALIDATION_ERROR */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description ACCESS_DENIED */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_NOT_FOUND | STREAM_NOT_FOUND */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SESSION_EXPIRED */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponseDto"];
                };
            };
            /** @description SERVICE_UNAVAILABLE */
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
            /** @description SERVICE_UNAVAILABLE */
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
