import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';

/**
 * An optional request field: leaving it out and sending `null` mean the same, "not
 * given" (the reference design's `Optional[...] = None`, which ported clients send).
 * `null` becomes `undefined` before validation, so services only ever see `undefined`,
 * and a field's default, if it has one, applies. Required fields do not use this, so
 * `null` there is refused by their type rule.
 */
export const OptionalField = () =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) => (value === null ? undefined : value)),
    IsOptional(),
    ApiProperty({ required: false, nullable: true }),
  );
