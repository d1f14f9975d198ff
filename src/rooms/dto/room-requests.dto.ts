import { OptionalField } from '../../common/http/optional.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../common/http/pagination.dto';
import { UserScopedDto } from '../../common/http/user-scoped.dto';
import {
  METADATA_MAX_BYTES,
  METADATA_MAX_DEPTH,
  ROOM_NAME_MAX_CHARS,
  TAG_MAX_CHARS,
} from '../room-rules';
import { ROOM_SORT_FIELDS, type RoomSortField } from '../rooms.repository';

const METADATA_EXAMPLE = { initial_agent: 'research_paper', tags: ['kidney', 'research'] };
const METADATA_DESCRIPTION =
  `Free-form JSON object, at most ${METADATA_MAX_BYTES} bytes serialized. ` +
  '`tags` (list of strings) is what the list filter matches. Keys must not start with $, ' +
  'contain a dot or a NUL character, or be __proto__/constructor/prototype; no string may ' +
  `contain a NUL character; nesting is at most ${METADATA_MAX_DEPTH} levels, and a list must ` +
  'not directly hold lists.';

export class CreateRoomDto extends UserScopedDto {
  @ApiPropertyOptional({
    example: 'Kidney Disease Discussion',
    maxLength: ROOM_NAME_MAX_CHARS,
    description: `Trimmed; at most ${ROOM_NAME_MAX_CHARS} characters (else ROOM_NAME_TOO_LONG). Defaults to "New conversation".`,
  })
  @OptionalField()
  @IsString()
  room_name?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: METADATA_EXAMPLE,
    description: METADATA_DESCRIPTION,
  })
  @OptionalField()
  @IsObject()
  metadata?: Record<string, unknown>;
}

export const METADATA_MODES = ['merge', 'replace'] as const;

export class UpdateRoomDto extends CreateRoomDto {
  @ApiPropertyOptional({
    // Inline, not a named enum: OpenAPI 3.0 ignores `nullable` (from OptionalField) beside a $ref.
    type: 'string',
    enum: METADATA_MODES,
    default: 'merge',
    example: 'merge',
    description:
      '`merge`: each top-level key given replaces the stored one, a key given as null is removed. `replace`: the whole object is swapped.',
  })
  @OptionalField()
  @IsIn(METADATA_MODES)
  metadata_mode?: (typeof METADATA_MODES)[number];
}

export class ListRoomsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    enum: ROOM_SORT_FIELDS,
    enumName: 'RoomSortField',
    default: 'last_activity',
    example: 'last_activity',
  })
  @OptionalField()
  @IsIn(ROOM_SORT_FIELDS)
  sort_by: RoomSortField = 'last_activity';

  @ApiPropertyOptional({
    example: 'kidney',
    maxLength: TAG_MAX_CHARS,
    description: 'Only rooms whose metadata.tags holds this tag.',
  })
  @OptionalField()
  @IsString()
  @MaxLength(TAG_MAX_CHARS)
  tag?: string;
}

export class DeleteRoomQueryDto extends UserScopedDto {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    example: false,
    description:
      'false: soft delete (hidden, kept). true: erase the room and all its conversations for good.',
  })
  @OptionalField()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  permanent: boolean = false;
}
