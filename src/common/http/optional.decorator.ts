import { ValidateIf } from 'class-validator';

/**
 * Like @IsOptional(), but only a missing field is optional: an explicit `null` is
 * validated, and so refused by the field's type rule instead of slipping through.
 */
export const OptionalNotNull = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);
