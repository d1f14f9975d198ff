import { mongo } from 'mongoose';
import {
  DEFAULT_POSTGRES_URL,
  psql,
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from '../../tools/embedded-db';

const POSTGRES_URL = process.env.POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
const sql = (database: string, statements: string) => psql(POSTGRES_URL, statements, database);

// The engine `npm run bench` and `npm run drills` pick on this machine: the launcher must
// leave FerretDB's lookups to indexes PostgreSQL can use.
describe('FerretDB on PostgreSQL, as the launcher sets it up', () => {
  let db: EmbeddedDatabase;
  let client: mongo.MongoClient;
  let database: string;
  const engineBefore = process.env.EMBEDDED_DB;

  beforeAll(async () => {
    process.env.EMBEDDED_DB = 'ferretdb-postgresql';
    db = await startEmbeddedDatabase({ ownServer: true, log: () => undefined });
    client = await mongo.MongoClient.connect(db.uri);
    database = sql(
      'postgres',
      `SELECT datname FROM pg_database WHERE datname LIKE 'careguide_ferretdb_${process.pid}_%' ORDER BY oid DESC LIMIT 1`,
    );
  });

  afterAll(async () => {
    await client?.close();
    await db?.stop();
    if (engineBefore === undefined) delete process.env.EMBEDDED_DB;
    else process.env.EMBEDDED_DB = engineBefore;
  });

  it('gives every new collection GIN indexes on the lookup fields, and an equality filter as FerretDB sends it uses one', async () => {
    const rooms = client.db('lookups').collection('chat_rooms');
    await rooms.insertMany(
      Array.from({ length: 500 }, (_, i) => ({
        room_id: `room_${i}`,
        user_id: `user_${i % 50}`,
        message_count: 0,
      })),
    );
    await rooms.updateOne({ room_id: 'room_7', user_id: 'user_7' }, { $inc: { message_count: 1 } });
    expect(await rooms.findOne({ room_id: 'room_7' })).toMatchObject({ message_count: 1 });

    const table = sql(
      database,
      "SELECT tablename FROM pg_tables WHERE schemaname = 'lookups' AND tablename LIKE 'chat_rooms%'",
    );
    const indexed = sql(
      database,
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'lookups' AND tablename = '${table}' AND indexdef LIKE '%USING gin%' ORDER BY indexdef`,
    ).split('\n');
    expect(indexed.map((definition) => /'(\w+)'::text/.exec(definition)?.[1]).sort()).toEqual([
      'message_id',
      'room_id',
      'session_id',
      'stream_id',
      'user_id',
    ]);

    // FerretDB's statement shape, prepared as its driver does: the field name is a
    // parameter, so only a plan made with the parameters' values can use the index.
    const runs = Array.from(
      { length: 8 },
      () => `EXPLAIN (COSTS OFF) EXECUTE lookup('room_id', '"room_7"');`,
    ).join('\n');
    const plans = sql(
      database,
      `PREPARE lookup(text, jsonb) AS SELECT _jsonb FROM "lookups"."${table}" WHERE _jsonb->$1 @> $2;\n${runs}`,
    );
    expect(plans.match(/Bitmap Index Scan/g)).toHaveLength(8);
    expect(plans).not.toContain('Seq Scan');
    expect(sql(database, 'SHOW plan_cache_mode')).toBe('force_custom_plan');
  });

  it('reaches a PostgreSQL on loopback without TLS', () => {
    const connections = sql(
      database,
      `SELECT count(*) FILTER (WHERE ssl), count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE datname = '${database}' AND pid <> pg_backend_pid()`,
    );
    const [encrypted, total] = connections.split('|').map(Number);
    expect(total).toBeGreaterThan(0);
    expect(encrypted).toBe(0);
  });
});
