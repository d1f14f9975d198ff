import { OptionalField } from './optional.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { UserScopedDto } from './user-scoped.dto';

export const PAGE_LIMIT_MAX = 100;
export const PAGE_LIMIT_DEFAULT = 50;
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** The paging figures of a list answer, from the limit and offset asked for. */
export function pageOf({ limit, offset }: { limit: number; offset: number }): {
  page: number;
  page_size: number;
} {
  return { page: Math.floor(offset / limit) + 1, page_size: limit };
}

/** `limit` / `offset` / `order` of every paginated list. */
export class PaginationQueryDto extends UserScopedDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: PAGE_LIMIT_MAX,
    default: PAGE_LIMIT_DEFAULT,
    example: 20,
  })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit: number = PAGE_LIMIT_DEFAULT;

  @ApiPropertyOptional({ minimum: 0, default: 0, example: 0 })
  @OptionalField()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset: number = 0;

  @ApiPropertyOptional({
    enum: SORT_ORDERS,
    enumName: 'SortOrder',
    default: 'desc',
    example: 'desc',
  })
  @OptionalField()
  @IsIn(SORT_ORDERS)
  order: SortOrder = 'desc';
}
