package iam

// migrations are IAM's schema steps, append-only: step i runs once per account
// database, so an existing step is never edited, only followed by a new one.
var migrations = []string{`
CREATE TABLE iam_users (
	user_id     TEXT PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
	path        TEXT NOT NULL,
	create_date INTEGER NOT NULL,
	password_last_used INTEGER,
	permissions_boundary TEXT
);
CREATE TABLE iam_user_tags (
	user_id TEXT NOT NULL REFERENCES iam_users(user_id) ON DELETE CASCADE,
	ord     INTEGER NOT NULL,
	key     TEXT NOT NULL COLLATE NOCASE,
	value   TEXT NOT NULL,
	PRIMARY KEY (user_id, key)
);
CREATE TABLE iam_access_keys (
	access_key_id TEXT PRIMARY KEY,
	user_id       TEXT NOT NULL REFERENCES iam_users(user_id) ON DELETE CASCADE,
	secret        TEXT NOT NULL,
	status        TEXT NOT NULL DEFAULT 'Active',
	create_date   INTEGER NOT NULL
);
CREATE INDEX iam_access_keys_user ON iam_access_keys(user_id);
CREATE TABLE iam_user_policy_attachments (
	user_id    TEXT NOT NULL REFERENCES iam_users(user_id) ON DELETE CASCADE,
	policy_arn TEXT NOT NULL,
	PRIMARY KEY (user_id, policy_arn)
)`,
	// Step 2: groups, inline and customer managed policies, login profiles and the
	// simulator's console sessions.
	`
CREATE TABLE iam_groups (
	group_id    TEXT PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
	path        TEXT NOT NULL,
	create_date INTEGER NOT NULL
);
CREATE TABLE iam_group_members (
	group_id TEXT NOT NULL REFERENCES iam_groups(group_id) ON DELETE CASCADE,
	user_id  TEXT NOT NULL REFERENCES iam_users(user_id) ON DELETE CASCADE,
	PRIMARY KEY (group_id, user_id)
);
CREATE INDEX iam_group_members_user ON iam_group_members(user_id);
CREATE TABLE iam_group_policy_attachments (
	group_id   TEXT NOT NULL REFERENCES iam_groups(group_id) ON DELETE CASCADE,
	policy_arn TEXT NOT NULL,
	PRIMARY KEY (group_id, policy_arn)
);
CREATE INDEX iam_group_policy_attachments_arn ON iam_group_policy_attachments(policy_arn);
CREATE INDEX iam_user_policy_attachments_arn ON iam_user_policy_attachments(policy_arn);
CREATE TABLE iam_user_policies (
	user_id  TEXT NOT NULL REFERENCES iam_users(user_id) ON DELETE CASCADE,
	name     TEXT NOT NULL,
	document TEXT NOT NULL,
	PRIMARY KEY (user_id, name)
);
CREATE TABLE iam_group_policies (
	group_id TEXT NOT NULL REFERENCES iam_groups(group_id) ON DELETE CASCADE,
	name     TEXT NOT NULL,
	document TEXT NOT NULL,
	PRIMARY KEY (group_id, name)
);
CREATE TABLE iam_policies (
	arn         TEXT PRIMARY KEY,
	policy_id   TEXT NOT NULL,
	name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
	path        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	document    TEXT NOT NULL,
	create_date INTEGER NOT NULL,
	update_date INTEGER NOT NULL
);
CREATE TABLE iam_login_profiles (
	user_id        TEXT PRIMARY KEY REFERENCES iam_users(user_id) ON DELETE CASCADE,
	password_hash  TEXT NOT NULL,
	create_date    INTEGER NOT NULL,
	reset_required INTEGER NOT NULL
);
CREATE TABLE iam_sessions (
	access_key_id TEXT PRIMARY KEY,
	user_id       TEXT NOT NULL REFERENCES iam_users(user_id) ON DELETE CASCADE,
	secret        TEXT NOT NULL,
	token         TEXT NOT NULL,
	issued        INTEGER NOT NULL,
	expires       INTEGER NOT NULL,
	mfa           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX iam_sessions_user ON iam_sessions(user_id)`,
	// Step 3: roles, their tags, attached managed and inline policies.
	`
CREATE TABLE iam_roles (
	role_id              TEXT PRIMARY KEY,
	name                 TEXT NOT NULL UNIQUE COLLATE NOCASE,
	path                 TEXT NOT NULL,
	create_date          INTEGER NOT NULL,
	assume_role_policy   TEXT NOT NULL,
	description          TEXT,
	max_session_duration INTEGER NOT NULL DEFAULT 3600
);
CREATE TABLE iam_role_tags (
	role_id TEXT NOT NULL REFERENCES iam_roles(role_id) ON DELETE CASCADE,
	ord     INTEGER NOT NULL,
	key     TEXT NOT NULL COLLATE NOCASE,
	value   TEXT NOT NULL,
	PRIMARY KEY (role_id, key)
);
CREATE TABLE iam_role_policy_attachments (
	role_id    TEXT NOT NULL REFERENCES iam_roles(role_id) ON DELETE CASCADE,
	policy_arn TEXT NOT NULL,
	PRIMARY KEY (role_id, policy_arn)
);
CREATE INDEX iam_role_policy_attachments_arn ON iam_role_policy_attachments(policy_arn);
CREATE TABLE iam_role_policies (
	role_id  TEXT NOT NULL REFERENCES iam_roles(role_id) ON DELETE CASCADE,
	name     TEXT NOT NULL,
	document TEXT NOT NULL,
	PRIMARY KEY (role_id, name)
)`,
}
