/**
 * Numbered, append-only migrations: never edit one that has shipped, add the next number.
 * Each runs in its own transaction together with the bump of `user_version`.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'configuration, live state and the event log',
    sql: `
      CREATE TABLE centers (
        id TEXT PRIMARY KEY,
        info_json TEXT NOT NULL,            -- CenterInfo minus id: name, timezone, languages, hours, policy
        seq INTEGER NOT NULL DEFAULT 0      -- advances on every committed change
      ) STRICT;

      CREATE TABLE services (
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (center_id, id)
      ) STRICT;

      CREATE TABLE priority_categories (
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (center_id, id)
      ) STRICT;

      CREATE TABLE counters (
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (center_id, id)
      ) STRICT;

      CREATE TABLE staff (
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        login TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('operator', 'supervisor', 'admin')),
        password_hash TEXT NOT NULL,
        services_json TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (center_id, login)
      ) STRICT;

      CREATE TABLE devices (
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'display')),
        name TEXT NOT NULL,
        scope_json TEXT NOT NULL DEFAULT '{}',
        token_hash TEXT UNIQUE,
        pairing_code TEXT,
        pairing_expires_at INTEGER,
        last_seen_at INTEGER,
        PRIMARY KEY (center_id, id)
      ) STRICT;

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        login TEXT NOT NULL,
        counter_id TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        revoked_at INTEGER
      ) STRICT;
      CREATE INDEX sessions_counter ON sessions (center_id, counter_id) WHERE counter_id IS NOT NULL;

      CREATE TABLE counter_state (
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        counter_id TEXT NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (center_id, counter_id)
      ) STRICT;

      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        issued_service_id TEXT NOT NULL,
        seq_no INTEGER NOT NULL,
        status TEXT NOT NULL,
        json TEXT NOT NULL,
        -- I2: one number per service per day, whatever the application does.
        UNIQUE (center_id, day, issued_service_id, seq_no)
      ) STRICT;
      CREATE INDEX tickets_open ON tickets (center_id, status) WHERE status IN ('waiting', 'called', 'serving');
      CREATE INDEX tickets_day ON tickets (center_id, day);

      CREATE TABLE events (
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        actor TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (center_id, seq)
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'device tokens that stopped working, so that no import brings one back',
    // Triggers, not application code: every path that re-pairs, revokes or deletes a device
    // (admin API, config import, the CLI on a stopped server) records the old token's hash.
    sql: `
      CREATE TABLE revoked_tokens (
        token_hash TEXT PRIMARY KEY,
        center_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        revoked_at INTEGER NOT NULL
      ) STRICT;
      CREATE TRIGGER devices_token_replaced AFTER UPDATE OF token_hash ON devices
        WHEN OLD.token_hash IS NOT NULL AND (NEW.token_hash IS NULL OR NEW.token_hash != OLD.token_hash)
      BEGIN
        INSERT OR IGNORE INTO revoked_tokens (token_hash, center_id, device_id, revoked_at)
          VALUES (OLD.token_hash, OLD.center_id, OLD.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
      END;
      CREATE TRIGGER devices_token_deleted AFTER DELETE ON devices
        WHEN OLD.token_hash IS NOT NULL
      BEGIN
        INSERT OR IGNORE INTO revoked_tokens (token_hash, center_id, device_id, revoked_at)
          VALUES (OLD.token_hash, OLD.center_id, OLD.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
      END;
    `,
  },
  {
    version: 3,
    name: 'kiosk topic names per language',
    sql: `
      CREATE TABLE categories (
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (center_id, id)
      ) STRICT;
    `,
  },
];
