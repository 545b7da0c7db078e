// Package iam is the simulated IAM service (awsQuery, API 2010-05-08): it owns the
// account's users, access keys and policy attachments, and answers the router's
// question "whose key is this?".
package iam

import (
	"context"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
)

var spec = &protocol.Spec{
	SigningName:  "iam",
	APIVersion:   "2010-05-08",
	XMLNamespace: "https://iam.amazonaws.com/doc/2010-05-08/",
}

// Service is one account's IAM.
type Service struct {
	db      *store.DB
	account string
	ops     service.Ops
}

// New opens IAM's state in db, creating its tables on first use.
func New(ctx context.Context, db *store.DB, account string) (*Service, error) {
	if err := db.Migrate(ctx, "iam", migrations); err != nil {
		return nil, err
	}
	s := &Service{db: db, account: account}
	s.ops = service.Ops{
		"CreateUser": service.Op(s.createUser),
		"GetUser":    service.Op(s.getUser),
		"ListUsers":  service.Op(s.listUsers),
	}
	return s, nil
}

// Spec implements service.Service.
func (s *Service) Spec() *protocol.Spec { return spec }

// Handler implements service.Service.
func (s *Service) Handler(op string) (service.Handler, bool) { return s.ops.Handler(op) }

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
}
