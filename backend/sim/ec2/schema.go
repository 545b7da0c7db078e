package ec2

// migrations are EC2's schema steps, append-only. Every resource is one JSON
// document of its wire shape: the lab's handful of resources never needs
// relational queries, and new members cost no migration.
var migrations = []string{`
CREATE TABLE ec2_resources (
	seq  INTEGER PRIMARY KEY AUTOINCREMENT,
	id   TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL,
	doc  TEXT NOT NULL
);
CREATE INDEX ec2_resources_kind ON ec2_resources(kind)`,
}
