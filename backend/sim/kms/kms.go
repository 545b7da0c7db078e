// Package kms is the simulated AWS Key Management Service (awsJson 1.1, target
// prefix TrentService): symmetric encryption keys with key policies, aliases, tags,
// enabling and disabling, and scheduled deletion. Keys are regional. Other
// simulated services (CloudTrail encrypting log files with SSE-KMS) resolve keys
// through ResolveKey and check key policies through ServiceAllowed.
//
// Every operation authorizes through the router's policy engine with the key's
// policy as the resource-based policy; the default key policy lets the account
// root (and so the account's IAM policies) do kms:*.
//
// Files: kms.go (service, schema), keys.go (key lifecycle), aliases.go,
// keypolicy.go (key policies and their checks), tags.go, resolve.go (key
// identifiers and the in-process API), errors.go (KMS's wording).
package kms

import (
	"context"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
)

var spec = &protocol.Spec{
	SigningName:      "kms",
	APIVersion:       "2014-11-01",
	JSONTargetPrefix: "TrentService",
}

// ServicePrincipal is KMS's own service principal name.
const ServicePrincipal = "kms.amazonaws.com"

// Service is one account's KMS.
type Service struct {
	db      *store.DB
	account string
	home    string // the account's home region, for in-process calls without one
	now     func() time.Time
	ops     service.Ops
}

// New opens KMS's state in db, creating its tables on first use. home is the
// account's home region and now the simulated clock (for in-process calls, which
// must see keys whose deletion date has passed as gone).
func New(ctx context.Context, db *store.DB, account, home string, now func() time.Time) (*Service, error) {
	if err := db.Migrate(ctx, "kms", migrations); err != nil {
		return nil, err
	}
	s := &Service{db: db, account: account, home: home, now: now}
	s.ops = service.Ops{
		"CreateKey":            service.Op(s.createKey),
		"DescribeKey":          service.Op(s.describeKey),
		"ListKeys":             service.Op(s.listKeys),
		"EnableKey":            service.Op(s.enableKey),
		"DisableKey":           service.Op(s.disableKey),
		"UpdateKeyDescription": service.Op(s.updateKeyDescription),
		"ScheduleKeyDeletion":  service.Op(s.scheduleKeyDeletion),
		"CancelKeyDeletion":    service.Op(s.cancelKeyDeletion),
		"CreateAlias":          service.Op(s.createAlias),
		"UpdateAlias":          service.Op(s.updateAlias),
		"DeleteAlias":          service.Op(s.deleteAlias),
		"ListAliases":          service.Op(s.listAliases),
		"GetKeyPolicy":         service.Op(s.getKeyPolicy),
		"PutKeyPolicy":         service.Op(s.putKeyPolicy),
		"ListKeyPolicies":      service.Op(s.listKeyPolicies),
		"TagResource":          service.Op(s.tagResource),
		"UntagResource":        service.Op(s.untagResource),
		"ListResourceTags":     service.Op(s.listResourceTags),
	}
	return s, nil
}

// Spec implements service.Service.
func (s *Service) Spec() *protocol.Spec { return spec }

// Handler implements service.Service.
func (s *Service) Handler(op string) (service.Handler, bool) { return s.ops.Handler(op) }

// migrations are KMS's schema steps, append-only.
var migrations = []string{`
CREATE TABLE kms_keys (
	key_id        TEXT PRIMARY KEY,
	region        TEXT NOT NULL,
	created       INTEGER NOT NULL,
	description   TEXT NOT NULL DEFAULT '',
	key_usage     TEXT NOT NULL,
	key_spec      TEXT NOT NULL,
	state         TEXT NOT NULL,
	deletion_date INTEGER,
	pending_days  INTEGER,
	policy        TEXT NOT NULL
);
CREATE INDEX kms_keys_region ON kms_keys(region);
CREATE TABLE kms_key_tags (
	key_id TEXT NOT NULL REFERENCES kms_keys(key_id) ON DELETE CASCADE,
	key    TEXT NOT NULL,
	value  TEXT NOT NULL,
	PRIMARY KEY (key_id, key)
);
CREATE TABLE kms_aliases (
	region  TEXT NOT NULL,
	name    TEXT NOT NULL,
	key_id  TEXT NOT NULL REFERENCES kms_keys(key_id) ON DELETE CASCADE,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL,
	PRIMARY KEY (region, name)
);
CREATE INDEX kms_aliases_key ON kms_aliases(key_id)`,
}
