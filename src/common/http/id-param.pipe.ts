import { Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationFailed } from '../errors/domain-error';
import { idPattern } from './ids';

/** Ids are `<prefix>_<uuid>`; anything else is refused before it reaches a query. */
@Injectable()
export class IdParamPipe implements PipeTransform<unknown, string> {
  private readonly pattern: RegExp;

  constructor(
    private readonly field: string,
    prefix: 'room' | 'session' | 'stream',
  ) {
    this.pattern = idPattern(prefix);
  }

  transform(value: unknown): string {
    if (typeof value !== 'string' || !this.pattern.test(value)) {
      throw new ValidationFailed([{ field: this.field, reason: 'is not a well-formed id' }]);
    }
    return value;
  }
}
