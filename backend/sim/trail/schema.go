package trail

// migrations create the event store. Event history filters on one attribute and a
// time range and returns the newest events first, so each attribute has a partial
// index (management events only: data events never appear in Event history) that
// starts with the lookup scope and the attribute and ends in event time; the rowid
// (seq) breaks ties in insertion order. scope is the region of a regional event and
// '*' for a global service's event, which every region's history shows.
//
// Delivery reads all events (data events too) by time through trail_events_time.
var migrations = []string{
	`CREATE TABLE trail_events (
		seq           INTEGER PRIMARY KEY,
		event_id      TEXT NOT NULL,
		scope         TEXT NOT NULL,
		region        TEXT NOT NULL,
		event_time    INTEGER NOT NULL,
		event_name    TEXT NOT NULL,
		event_source  TEXT NOT NULL,
		username      TEXT NOT NULL,
		access_key_id TEXT NOT NULL,
		read_only     TEXT NOT NULL,
		management    INTEGER NOT NULL,
		resources     TEXT NOT NULL,
		record        BLOB NOT NULL
	);
	CREATE INDEX trail_events_time ON trail_events(event_time);
	CREATE INDEX trail_events_id ON trail_events(event_id) WHERE management = 1;
	CREATE INDEX trail_events_all ON trail_events(scope, event_time) WHERE management = 1;
	CREATE INDEX trail_events_name ON trail_events(scope, event_name, event_time) WHERE management = 1;
	CREATE INDEX trail_events_source ON trail_events(scope, event_source, event_time) WHERE management = 1;
	CREATE INDEX trail_events_user ON trail_events(scope, username, event_time) WHERE management = 1;
	CREATE INDEX trail_events_key ON trail_events(scope, access_key_id, event_time) WHERE management = 1;
	CREATE INDEX trail_events_ro ON trail_events(scope, read_only, event_time) WHERE management = 1;
	CREATE TABLE trail_event_resources (
		seq        INTEGER NOT NULL,
		scope      TEXT NOT NULL,
		event_time INTEGER NOT NULL,
		rtype      TEXT NOT NULL,
		rname      TEXT NOT NULL
	);
	CREATE INDEX trail_event_resources_type ON trail_event_resources(scope, rtype, event_time, seq);
	CREATE INDEX trail_event_resources_name ON trail_event_resources(scope, rname, event_time, seq);
	CREATE INDEX trail_event_resources_seq ON trail_event_resources(seq)`,
}
