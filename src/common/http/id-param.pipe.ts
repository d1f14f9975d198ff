import { Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationFailed } from '../errors/domain-error';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Ids are `<prefix>_<uuid>`; anything else is refused before it reaches a query. */
@Injectable()
export class IdParamPipe implements PipeTransform<unknown, string> {
  private readonly pattern: RegExp;

  constructor(
    private readonly field: string,
    prefix: string,
  ) {
    this.pattern = new RegExp(`^${prefix}_${UUID}$`);
  }

  transform(value: unknown): string {
    if (typeof value !== 'string' || !this.pattern.test(value)) {
      throw new ValidationFailed([{ field: this.field, reason: 'is not a well-formed id' }]);
    }
    return value;
  }
}
