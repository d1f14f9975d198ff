import {
  createParamDecorator,
  Injectable,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { RoomNotFound, Unauthorized, ValidationFailed } from '../common/errors/domain-error';
import { ROOM_ID_PATTERN } from '../common/http/ids';
import { RoomsRepository, type RoomRecord } from './rooms.repository';

declare module 'express' {
  interface Request {
    /** The room of the `:room_id` parameter, loaded for its owner by RoomOwnerGuard. */
    ownedRoom?: RoomRecord;
  }
}

const INCLUDE_DELETED_KEY = 'careguide:room-include-deleted';

/** The route also acts on the caller's soft-deleted rooms (a permanent delete). */
export const EvenDeletedRoom = () => SetMetadata(INCLUDE_DELETED_KEY, true);

/**
 * Loads the `:room_id` room once, for the caller, and hands it to the handler
 * (`@OwnedRoom()`). Another user's room and a missing one are both 404 ROOM_NOT_FOUND,
 * so ids cannot be probed; a malformed id is 400. Runs after the identity guard.
 */
@Injectable()
export class RoomOwnerGuard implements CanActivate {
  constructor(
    private readonly rooms: RoomsRepository,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    if (!req.identity) throw new Unauthorized();
    const roomId: unknown = req.params.room_id;
    if (typeof roomId !== 'string' || !ROOM_ID_PATTERN.test(roomId)) {
      throw new ValidationFailed([{ field: 'room_id', reason: 'is not a well-formed id' }]);
    }
    const evenDeleted = this.reflector.get<boolean | undefined>(
      INCLUDE_DELETED_KEY,
      context.getHandler(),
    );
    const room = evenDeleted
      ? await this.rooms.findAnyState(req.identity.userId, roomId)
      : await this.rooms.findLive(req.identity.userId, roomId);
    if (!room) throw new RoomNotFound(roomId);
    req.ownedRoom = room;
    return true;
  }
}

/** The room RoomOwnerGuard loaded for this request. */
export const OwnedRoom = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const room = context.switchToHttp().getRequest<Request>().ownedRoom;
  if (!room) throw new Error('OwnedRoom needs RoomOwnerGuard on the route');
  return room;
});
