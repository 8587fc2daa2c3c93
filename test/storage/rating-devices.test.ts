/** Migration 9: the devices table takes rating terminals, keeping its rows and its token triggers. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../server/src/storage/db.js';
import { MIGRATIONS } from '../../server/src/storage/migrations.js';

describe('migration 9 (rating terminals)', () => {
  it('keeps the devices of an older database, lets a rating terminal in, and still records replaced tokens', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 8));
    db.prepare("INSERT INTO centers (id, info_json) VALUES ('c', '{}')").run();
    db.prepare("INSERT INTO devices (center_id, id, kind, name, token_hash) VALUES ('c', 'k1', 'kiosk', 'Kiosk', 'aa')").run();
    expect(() => db.prepare("INSERT INTO devices (center_id, id, kind, name) VALUES ('c', 'r1', 'rating', 'R')").run()).toThrow(/CHECK/);

    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT id, kind, token_hash AS t FROM devices').all()).toEqual([{ id: 'k1', kind: 'kiosk', t: 'aa' }]);
    db.prepare("INSERT INTO devices (center_id, id, kind, name) VALUES ('c', 'r1', 'rating', 'R')").run();
    expect(() => db.prepare("INSERT INTO devices (center_id, id, kind, name) VALUES ('c', 'x', 'toaster', 'X')").run()).toThrow(/CHECK/);
    db.prepare("UPDATE devices SET token_hash = 'bb' WHERE id = 'k1'").run();
    db.prepare("DELETE FROM devices WHERE id = 'k1'").run();
    expect(db.prepare('SELECT token_hash AS t FROM revoked_tokens ORDER BY t').all()).toEqual([{ t: 'aa' }, { t: 'bb' }]);
    db.close();
  });
});
