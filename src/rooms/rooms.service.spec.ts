import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { asUserId } from '../common/auth/user-id';
import {
  MetadataTooLarge,
  RateLimitExceeded,
  RoomLimitExceeded,
  RoomNameTooLong,
  RoomNotFound,
  ValidationFailed,
} from '../common/errors/domain-error';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { RateLimiter } from '../common/rate-limit/rate-limiter';
import { Metrics } from '../metrics/metrics';
import { RoomDetailsCache } from './room-details-cache';
import { ROOM_DELETING, ROOM_ERASING } from './room-events';
import { RoomsRepository, type RoomRecord } from './rooms.repository';
import { RoomsService } from './rooms.service';

const owner = asUserId('user_owner');
const LIMIT = 3;

function room(overrides: Partial<RoomRecord> = {}): RoomRecord {
  const at = new Date('2025-01-01T00:00:00Z');
  return {
    room_id: 'room_00000000-0000-4000-8000-000000000001',
    user_id: owner,
    room_name: 'Existing',
    created_at: at,
    updated_at: at,
    last_activity: at,
    message_count: 0,
    metadata: { a: 1 },
    last_message: null,
    is_deleted: false,
    deleted_at: null,
    quota_slot: `${owner}#0`,
    revision: 4,
    ...overrides,
  };
}

describe('RoomsService', () => {
  let service: RoomsService;
  let rooms: jest.Mocked<RoomsRepository>;
  let events: { emitAsync: jest.Mock };
  let metrics: jest.Mocked<Metrics>;
  let rateLimits: jest.Mocked<RateLimiter>;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      providers: [
        RoomsService,
        {
          provide: RoomsRepository,
          useValue: {
            liveQuotaSlots: jest.fn(),
            insertIfSlotFree: jest.fn(),
            findLive: jest.fn(),
            listLive: jest.fn(),
            updateAtRevision: jest.fn(),
            softDelete: jest.fn(),
            existsAnyState: jest.fn(),
            erase: jest.fn(),
          },
        },
        { provide: EventEmitter2, useValue: { emitAsync: jest.fn().mockResolvedValue([]) } },
        { provide: ConfigService, useValue: { get: jest.fn(() => LIMIT) } },
        { provide: Metrics, useValue: { roomCreated: jest.fn() } },
        { provide: RateLimiter, useValue: { consume: jest.fn().mockResolvedValue(undefined) } },
        { provide: RoomDetailsCache, useValue: { remember: jest.fn(), changed: jest.fn() } },
      ],
    }).compile();
    service = moduleRef.get(RoomsService);
    rooms = moduleRef.get(RoomsRepository);
    events = moduleRef.get(EventEmitter2);
    metrics = moduleRef.get(Metrics);
    rateLimits = moduleRef.get(RateLimiter);
  });

  describe('create', () => {
    it('takes a free quota slot below the limit and applies the default name', async () => {
      rooms.liveQuotaSlots.mockResolvedValue([`${owner}#0`, `${owner}#2`]);
      rooms.insertIfSlotFree.mockResolvedValue(true);
      const created = await service.create(owner, {});
      expect(created.room_name).toBe('New conversation');
      expect(created.room_id).toMatch(/^room_[0-9a-f-]{36}$/);
      expect(rooms.insertIfSlotFree).toHaveBeenCalledWith(
        expect.objectContaining({ user_id: owner, quota_slot: `${owner}#1`, is_deleted: false }),
      );
      expect(metrics.roomCreated).toHaveBeenCalledTimes(1);
    });

    it('refuses when every slot is held, without inserting', async () => {
      rooms.liveQuotaSlots.mockResolvedValue([0, 1, 2].map((n) => `${owner}#${n}`));
      await expect(service.create(owner, {})).rejects.toBeInstanceOf(RoomLimitExceeded);
      expect(rooms.insertIfSlotFree).not.toHaveBeenCalled();
    });

    it('counts rooms above a lowered limit as holding slots', async () => {
      rooms.liveQuotaSlots.mockResolvedValue([5, 6, 7].map((n) => `${owner}#${n}`));
      await expect(service.create(owner, {})).rejects.toBeInstanceOf(RoomLimitExceeded);
    });

    it('tries again when a concurrent create took the chosen slot', async () => {
      rooms.liveQuotaSlots
        .mockResolvedValueOnce([`${owner}#0`, `${owner}#1`])
        .mockResolvedValueOnce([`${owner}#0`, `${owner}#1`, `${owner}#2`]);
      rooms.insertIfSlotFree.mockResolvedValueOnce(false);
      await expect(service.create(owner, {})).rejects.toBeInstanceOf(RoomLimitExceeded);
      expect(rooms.insertIfSlotFree).toHaveBeenCalledTimes(1);
    });

    it('validates name and metadata before touching the database', async () => {
      await expect(service.create(owner, { room_name: 'n'.repeat(101) })).rejects.toBeInstanceOf(
        RoomNameTooLong,
      );
      await expect(
        service.create(owner, { metadata: { blob: 'x'.repeat(11_000) } }),
      ).rejects.toBeInstanceOf(MetadataTooLarge);
      await expect(service.create(owner, { room_name: '  ' })).rejects.toBeInstanceOf(
        ValidationFailed,
      );
      expect(rooms.liveQuotaSlots).not.toHaveBeenCalled();
      expect(rateLimits.consume).not.toHaveBeenCalled();
    });

    it('spends the creation budget of a valid create, before taking a slot', async () => {
      rateLimits.consume.mockRejectedValueOnce(new RateLimitExceeded(30));
      await expect(service.create(owner, {})).rejects.toBeInstanceOf(RateLimitExceeded);
      expect(rateLimits.consume).toHaveBeenCalledWith('room-create', `user:${owner}`);
      expect(rooms.liveQuotaSlots).not.toHaveBeenCalled();
    });
  });

  describe('ownership', () => {
    it('looks rooms up only under the caller and answers RoomNotFound otherwise', async () => {
      rooms.findLive.mockResolvedValue(null);
      await expect(service.get(owner, 'room_x')).rejects.toBeInstanceOf(RoomNotFound);
      expect(rooms.findLive).toHaveBeenCalledWith(owner, 'room_x');
    });
  });

  describe('update', () => {
    it('merges metadata at the revision the guard read, and reads again when another edit won', async () => {
      rooms.findLive.mockResolvedValueOnce(room({ revision: 5, metadata: { a: 1, b: 2 } }));
      rooms.updateAtRevision
        .mockResolvedValueOnce(null)
        .mockResolvedValueOnce(room({ revision: 6 }));
      await service.update(owner, room({ room_id: 'room_1', revision: 4 }), { metadata: { c: 3 } });
      expect(rooms.updateAtRevision).toHaveBeenNthCalledWith(
        1,
        owner,
        'room_1',
        4,
        { metadata: { a: 1, c: 3 } },
        expect.any(Date),
      );
      expect(rooms.updateAtRevision).toHaveBeenNthCalledWith(
        2,
        owner,
        'room_1',
        5,
        { metadata: { a: 1, b: 2, c: 3 } },
        expect.any(Date),
      );
    });

    it('refuses a patch with nothing to change', async () => {
      await expect(service.update(owner, room(), {})).rejects.toBeInstanceOf(ValidationFailed);
      expect(rooms.findLive).not.toHaveBeenCalled();
    });
  });

  describe('delete', () => {
    it('soft-deletes only a live room of the caller, then ends its streams', async () => {
      rooms.softDelete.mockResolvedValue(false);
      await expect(service.delete(owner, room(), false)).rejects.toBeInstanceOf(RoomNotFound);
      await expect(service.delete(owner, room({ is_deleted: true }), false)).rejects.toBeInstanceOf(
        RoomNotFound,
      );
      expect(events.emitAsync).not.toHaveBeenCalled();
      rooms.softDelete.mockResolvedValue(true);
      await service.delete(owner, room(), false);
      expect(events.emitAsync).toHaveBeenCalledTimes(1);
      expect(events.emitAsync).toHaveBeenCalledWith(ROOM_DELETING, {
        owner,
        roomId: room().room_id,
      });
    });

    it('on permanent delete, ends streams, then erases conversations, then the room', async () => {
      events.emitAsync.mockImplementation((name: string) =>
        Promise.resolve(name === ROOM_ERASING ? [7] : [undefined]),
      );
      rooms.erase.mockResolvedValue(true);
      await expect(service.delete(owner, room({ room_id: 'room_1' }), true)).resolves.toEqual({
        room_id: 'room_1',
        permanent: true,
        conversations_deleted: 7,
      });
      expect(events.emitAsync.mock.calls.map(([name]) => name as string)).toEqual([
        ROOM_DELETING,
        ROOM_ERASING,
      ]);
      expect(events.emitAsync.mock.invocationCallOrder[1]).toBeLessThan(
        rooms.erase.mock.invocationCallOrder[0],
      );
    });
  });
});
