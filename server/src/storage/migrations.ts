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
  {
    version: 4,
    name: 'one flat row per ticket for reports over weeks (issue 12)',
    // The tickets table keeps each ticket as JSON: parsing a year of them (a million) takes
    // seconds. Reports read these plain columns instead; the live store writes a ticket's row in
    // the same transaction as the fact that changes it, so the two never disagree. Existing
    // tickets are copied here once; how each was issued and who served it come from the log.
    sql: `
      CREATE TABLE report_tickets (
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        day TEXT NOT NULL,
        number TEXT NOT NULL,
        issued_service_id TEXT NOT NULL,
        service_id TEXT NOT NULL,
        lane TEXT NOT NULL,
        category_id TEXT,
        -- kiosk, staff or remote: who issued it (the issuing fact's actor).
        channel TEXT NOT NULL,
        status TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        first_called_at INTEGER,
        started_at INTEGER,
        finished_at INTEGER,
        counter_id TEXT,
        staff_login TEXT,
        transfers INTEGER NOT NULL,
        recalls INTEGER NOT NULL,
        -- The expected wait the visitor was shown when the ticket was issued, in minutes.
        promised_wait_min REAL,
        PRIMARY KEY (center_id, id)
      ) STRICT;
      CREATE INDEX report_tickets_day ON report_tickets (center_id, day, issued_at, number);

      CREATE TEMP TABLE issued_by AS
        SELECT json_extract(json, '$.ticket.id') AS id, actor FROM events WHERE type = 'ticket:issued';
      CREATE INDEX temp.issued_by_id ON issued_by (id);
      CREATE TEMP TABLE served_by AS
        SELECT json_extract(json, '$.ticket.id') AS id, MAX(seq), json_extract(json, '$.counter.staffLogin') AS login
        FROM events WHERE type IN ('ticket:called', 'ticket:started', 'ticket:completed') GROUP BY 1;
      CREATE INDEX temp.served_by_id ON served_by (id);
      INSERT INTO report_tickets
        SELECT t.center_id, t.id, t.day, json_extract(t.json, '$.number'), t.issued_service_id, json_extract(t.json, '$.serviceId'), json_extract(t.json, '$.lane'),
               json_extract(t.json, '$.categoryId'),
               CASE WHEN i.actor LIKE 'staff:%' THEN 'staff' WHEN i.actor = 'visitor' THEN 'remote' ELSE 'kiosk' END,
               t.status, json_extract(t.json, '$.issuedAt'), json_extract(t.json, '$.firstCalledAt'), json_extract(t.json, '$.startedAt'),
               json_extract(t.json, '$.finishedAt'), json_extract(t.json, '$.counterId'), s.login,
               json_extract(t.json, '$.transfers'), json_extract(t.json, '$.recalls'), NULL
        FROM tickets t LEFT JOIN issued_by i ON i.id = t.id LEFT JOIN served_by s ON s.id = t.id;
      DROP TABLE temp.issued_by;
      DROP TABLE temp.served_by;
    `,
  },
  {
    version: 5,
    name: 'past days summed up and replayed without balancing, kept once computed (issue 12)',
    // A past day's visitors and shifts no longer change, so neither does its replay: computing it
    // (a fraction of a second a day) once is enough. Rebuilt on demand when missing.
    sql: `
      CREATE TABLE day_replays (
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        policy TEXT NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (center_id, day, policy)
      ) STRICT;
      -- A day's counter and balancing facts by time, without reading its tickets' (a partial index:
      -- ticket facts, most of the log, cost nothing more to write).
      -- A past day's tickets summed up per grouping (kpi/tally.ts), so that a year's report merges
      -- a few hundred summaries. Dropped when a fact touches that day's tickets, or the
      -- configuration changes (targets); rebuilt from report_tickets on the next report.
      CREATE TABLE report_rollups (
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (center_id, kind, day, key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX report_rollups_day ON report_rollups (center_id, day);
      CREATE INDEX events_counters_at ON events (center_id, at)
        WHERE type IN ('counter:opened', 'counter:closed', 'counter:paused', 'counter:resumed', 'counter:services-changed', 'balance:proposed', 'balance:resolved');
    `,
  },
  {
    version: 6,
    name: 'appointments (issue 13)',
    // One row per booking. The code is the visitor's credential; name, phone and e-mail are erased
    // after the center's retention (the row stays for the figures). A slot's places are numbered
    // and an active booking holds one: the unique index makes overbooking impossible, whatever
    // interleaves (A3). A cancelled booking frees its place.
    sql: `
      CREATE TABLE appointments (
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        service_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        slot_min INTEGER NOT NULL,
        place INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('booked', 'checked-in', 'cancelled', 'no-show')),
        language TEXT,
        name TEXT,
        phone TEXT,
        email TEXT,
        phone_key TEXT,
        email_key TEXT,
        channel TEXT NOT NULL,
        booked_at INTEGER NOT NULL,
        ticket_id TEXT,
        changed_at INTEGER NOT NULL,
        PRIMARY KEY (center_id, code)
      ) STRICT;
      CREATE UNIQUE INDEX appointments_places ON appointments (center_id, service_id, at, place) WHERE status IN ('booked', 'checked-in');
      CREATE INDEX appointments_at ON appointments (center_id, at);
      CREATE INDEX appointments_booked_at ON appointments (center_id, booked_at);
    `,
  },
  {
    version: 7,
    name: "report rows carry an appointment's slot (issue 13)",
    // A checked-in appointment's wait runs from its slot (A2); no ticket before this had one.
    sql: `ALTER TABLE report_tickets ADD COLUMN appointment_at INTEGER;`,
  },
  {
    version: 8,
    name: 'the visitor\'s phone: remote joins, ratings, push, webhooks (issue 14)',
    // remote_joins: who took each remote ticket, for V1's per-phone and per-number limits; the
    // phone number (asked only when the center wants it) is erased once its day is over.
    // ratings: one per ticket (the primary key); a complaint's answer lives in the same row.
    // push_subscriptions: a phone's browser subscription for one ticket; `sent` lists the alerts
    // already pushed, so a restart never repeats one. Dropped when the ticket's day is over.
    // webhook_deliveries is the outbox: a delivery is written in the same transaction as the fact
    // it reports, and stays until delivered or given up; a restart (or a SIGKILL) resumes from it.
    // webhook_cursors: the last fact of each center's log turned into deliveries, so that facts
    // committed just before a crash are enqueued at the next start. server_keys holds the VAPID key pair, made at first start.
    sql: `
      CREATE TABLE remote_joins (
        ticket_id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        device_key TEXT NOT NULL,
        phone TEXT,
        phone_key TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX remote_joins_day ON remote_joins (center_id, day);
      CREATE TABLE ratings (
        ticket_id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        counter_id TEXT,
        operator TEXT,
        channel TEXT NOT NULL CHECK (channel IN ('phone', 'terminal')),
        language TEXT,
        overall INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
        waiting INTEGER CHECK (waiting BETWEEN 1 AND 5),
        courtesy INTEGER CHECK (courtesy BETWEEN 1 AND 5),
        competence INTEGER CHECK (competence BETWEEN 1 AND 5),
        comfort INTEGER CHECK (comfort BETWEEN 1 AND 5),
        comment TEXT,
        complaint INTEGER NOT NULL DEFAULT 0,
        complaint_status TEXT CHECK (complaint_status IN ('open', 'answered', 'closed')),
        answer TEXT,
        answered_by TEXT,
        answered_at INTEGER,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX ratings_day ON ratings (center_id, day);
      CREATE INDEX ratings_complaints ON ratings (center_id, complaint_status, at) WHERE complaint = 1;
      CREATE TABLE push_subscriptions (
        ticket_id TEXT NOT NULL,
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        endpoint TEXT NOT NULL,
        p256dh TEXT NOT NULL,
        auth TEXT NOT NULL,
        sent TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL,
        PRIMARY KEY (ticket_id, endpoint)
      ) STRICT;
      CREATE INDEX push_subscriptions_center ON push_subscriptions (center_id, created_at);
      CREATE TABLE webhooks (
        id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        events TEXT NOT NULL,
        description TEXT,
        enabled INTEGER NOT NULL DEFAULT 1,
        include_phone INTEGER NOT NULL DEFAULT 0,
        secret TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX webhooks_center ON webhooks (center_id);
      CREATE TABLE webhook_deliveries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        center_id TEXT NOT NULL,
        webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
        event TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER,
        last_status INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        delivered_at INTEGER
      ) STRICT;
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_at) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_hook ON webhook_deliveries (webhook_id, id);
      CREATE TABLE webhook_cursors (
        center_id TEXT PRIMARY KEY REFERENCES centers(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE server_keys (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 9,
    name: 'a device may be a rating terminal (issue 14)',
    // Migration 1 listed the kinds in a CHECK, which SQLite cannot alter: the table is rebuilt with
    // the same columns and rows (nothing references it), and its two token triggers (migration 2)
    // are made again, since dropping a table drops its triggers.
    sql: `
      CREATE TABLE devices_v9 (
        center_id TEXT NOT NULL REFERENCES centers(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'display', 'rating')),
        name TEXT NOT NULL,
        scope_json TEXT NOT NULL DEFAULT '{}',
        token_hash TEXT UNIQUE,
        pairing_code TEXT,
        pairing_expires_at INTEGER,
        last_seen_at INTEGER,
        PRIMARY KEY (center_id, id)
      ) STRICT;
      INSERT INTO devices_v9 (rowid, center_id, id, kind, name, scope_json, token_hash, pairing_code, pairing_expires_at, last_seen_at)
        SELECT rowid, center_id, id, kind, name, scope_json, token_hash, pairing_code, pairing_expires_at, last_seen_at FROM devices;
      DROP TABLE devices;
      ALTER TABLE devices_v9 RENAME TO devices;
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
];
