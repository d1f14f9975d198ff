import { OptionalField } from './optional.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { USER_ID_PATTERN, USER_ID_RULE } from '../auth/user-id';

/** How `user_id` names the caller, wherever a request carries it (query or body). */
export const USER_ID_DESCRIPTION =
  'The caller. In development (AUTH_MODE=dev) without a token it names the caller; with a Bearer token it may be left out, and when sent must equal the token subject (else 403 ACCESS_DENIED).';

/**
 * `user_id` as the reference design passes it. With a Bearer token it must equal the
 * token's subject (else 403); in AUTH_MODE=dev without a token it names the caller.
 */
export class UserScopedDto {
  @ApiPropertyOptional({
    example: 'user_123',
    pattern: USER_ID_PATTERN.source,
    description: USER_ID_DESCRIPTION,
  })
  @OptionalField()
  @IsString()
  @Matches(USER_ID_PATTERN, { message: `user_id: ${USER_ID_RULE}` })
  user_id?: string;
}
