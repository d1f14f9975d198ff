import { SetMetadata } from '@nestjs/common';

export const QUERY_TOKEN_KEY = 'careguide:query-token';

/**
 * Lets a route take its token as the `access_token` query parameter, for clients
 * that cannot send headers (EventSource). Logs redact it.
 */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN_KEY, true);
