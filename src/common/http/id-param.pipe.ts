import { Injectable, type PipeTransform } from '@nestjs/common';
import { asUserId, USER_ID_PATTERN, USER_ID_RULE, type UserId } from '../auth/user-id';
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

/** A user id named in the path (operator routes), checked like the identity guard checks one. */
@Injectable()
export class UserIdParamPipe implements PipeTransform<unknown, UserId> {
  transform(value: unknown): UserId {
    if (typeof value !== 'string' || !USER_ID_PATTERN.test(value)) {
      throw new ValidationFailed([{ field: 'user_id', reason: USER_ID_RULE }]);
    }
    return asUserId(value);
  }
}
