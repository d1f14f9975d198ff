import { MetadataTooLarge, RoomNameTooLong, ValidationFailed } from '../common/errors/domain-error';
import { applyMetadataChange, assertValidMetadata, normalizeRoomName } from './room-rules';

describe('room rules', () => {
  it('normalizes names', () => {
    expect(normalizeRoomName(undefined)).toBe('New conversation');
    expect(normalizeRoomName('  Kidney  ')).toBe('Kidney');
    expect(normalizeRoomName('é'.repeat(100))).toHaveLength(100);
    expect(() => normalizeRoomName('é'.repeat(101))).toThrow(RoomNameTooLong);
    expect(() => normalizeRoomName(' \t ')).toThrow(ValidationFailed);
    expect(() => normalizeRoomName('a\u0007b')).toThrow(ValidationFailed);
  });

  it('measures metadata in UTF-8 bytes', () => {
    const overhead = JSON.stringify({ t: '' }).length;
    expect(() => assertValidMetadata({ t: 'a'.repeat(10_240 - overhead) })).not.toThrow();
    // two bytes per character: half as many fit
    expect(() => assertValidMetadata({ t: 'é'.repeat(5_200) })).toThrow(MetadataTooLarge);
  });

  it.each([
    [{ $set: 1 }],
    [{ 'a.b': 1 }],
    [{ '': 1 }],
    [{ nested: { prototype: 1 } }],
    [{ list: [{ $gt: 1 }] }],
    [{ tags: 'x' }],
    [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
    [{ tags: [''] }],
    [{ grid: [[]] }],
    [{ list: [1, [2]] }],
    [{ deep: { rows: [{ cells: [[1]] }] } }],
    [{ note: 'a\u0000b' }],
    [{ 'a\u0000': 1 }],
    [{ tags: ['x\u0000'] }],
    [
      JSON.parse('{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":1}}}}}}}}}') as Record<
        string,
        unknown
      >,
    ],
  ])('refuses %j', (metadata) => {
    expect(() => assertValidMetadata(metadata)).toThrow(ValidationFailed);
  });

  it('accepts lists of objects that hold lists', () => {
    expect(() => assertValidMetadata({ rows: [{ cells: [1, 2] }], tags: ['a'] })).not.toThrow();
  });

  it('merges shallowly, removing keys given as null, or replaces', () => {
    expect(applyMetadataChange({ a: 1, b: { x: 1 } }, { b: { y: 2 }, c: null }, 'merge')).toEqual({
      a: 1,
      b: { y: 2 },
    });
    expect(applyMetadataChange({ a: 1 }, { b: null }, 'merge')).toEqual({ a: 1 });
    expect(applyMetadataChange({ a: 1 }, { z: 1 }, 'replace')).toEqual({ z: 1 });
  });
});
