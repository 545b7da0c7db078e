package kms

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/policy"
)

// querier is what *sql.DB and *sql.Tx share; reads inside a transaction go through
// it (the in-memory database has one connection).
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Key states (KeyState).
const (
	StateEnabled         = "Enabled"
	StateDisabled        = "Disabled"
	StatePendingDeletion = "PendingDeletion"
)

// key is one stored KMS key.
type key struct {
	id, region   string
	created      time.Time
	description  string
	usage, spec  string
	state        string
	deletionDate *time.Time
	pendingDays  *int
	policy       string
	arn          string
}

const keyColumns = `key_id, region, created, description, key_usage, key_spec, state, deletion_date, pending_days, policy`

func (s *Service) scanKey(row interface{ Scan(...any) error }) (key, error) {
	var k key
	var created int64
	var deletion, days sql.NullInt64
	if err := row.Scan(&k.id, &k.region, &created, &k.description, &k.usage, &k.spec, &k.state, &deletion, &days, &k.policy); err != nil {
		return k, err
	}
	k.created = time.UnixMilli(created).UTC()
	if deletion.Valid {
		t := time.UnixMilli(deletion.Int64).UTC()
		k.deletionDate = &t
	}
	if days.Valid {
		d := int(days.Int64)
		k.pendingDays = &d
	}
	k.arn = s.keyArn(k.region, k.id)
	return k, nil
}

func (s *Service) keyArn(region, id string) string {
	return fmt.Sprintf("arn:aws:kms:%s:%s:key/%s", region, s.account, id)
}

func (s *Service) aliasArn(region, name string) string {
	return fmt.Sprintf("arn:aws:kms:%s:%s:%s", region, s.account, name)
}

var keyIDPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// purge deletes the keys whose scheduled deletion date has passed: KMS deletes them
// then, with their aliases, and they are gone for every later call.
func purge(ctx context.Context, q querier, now time.Time) error {
	_, err := q.ExecContext(ctx, `DELETE FROM kms_keys WHERE state = ? AND deletion_date <= ?`, StatePendingDeletion, now.UnixMilli())
	return err
}

// ref is a parsed key identifier.
type ref struct {
	region string
	keyID  string // set for key IDs and key ARNs
	alias  string // "alias/…", set for alias names and alias ARNs
	arn    string // the identifier as an ARN, for NotFoundException
	isARN  bool
}

// parseRef reads a key ID, key ARN, alias name or alias ARN in region. Aliases are
// refused (NotFoundException) unless aliases is set, as operations that take "a key
// ID or key ARN" refuse them.
func (s *Service) parseRef(region, id string, aliases bool) (ref, error) {
	if id == "" {
		return ref{}, notNull("keyId")
	}
	if len(id) > 2048 {
		return ref{}, tooLong("keyId", 2048)
	}
	r := ref{region: region}
	if strings.HasPrefix(id, "arn:") {
		parts := strings.SplitN(id, ":", 6)
		if len(parts) != 6 || parts[2] != "kms" || parts[3] == "" || parts[4] == "" {
			return ref{}, invalidArn(id)
		}
		r.region, r.isARN, r.arn = parts[3], true, id
		switch res := parts[5]; {
		case strings.HasPrefix(res, "key/") && len(res) > len("key/"):
			r.keyID = strings.TrimPrefix(res, "key/")
		case strings.HasPrefix(res, "alias/") && len(res) > len("alias/"):
			if !aliases {
				return ref{}, invalidKeyID(id)
			}
			r.alias = res
		default:
			return ref{}, invalidArn(id)
		}
		if parts[4] != s.account || (r.keyID != "" && !keyIDPattern.MatchString(r.keyID)) {
			// Keys of other accounts are not simulated.
			if r.alias != "" {
				return ref{}, aliasNotFound(id)
			}
			return ref{}, keyNotFound(id)
		}
		return r, nil
	}
	if strings.HasPrefix(id, "alias/") {
		if !aliases {
			return ref{}, invalidKeyID(id)
		}
		r.alias, r.arn = id, s.aliasArn(region, id)
		return r, nil
	}
	if !keyIDPattern.MatchString(id) {
		return ref{}, invalidKeyID(id)
	}
	r.keyID, r.arn = id, s.keyArn(region, id)
	return r, nil
}

// load finds the key a ref names, in its region.
func (s *Service) load(ctx context.Context, q querier, r ref) (key, error) {
	if r.alias != "" {
		k, err := s.scanKey(q.QueryRowContext(ctx, `SELECT `+prefixed("k.", keyColumns)+` FROM kms_aliases a JOIN kms_keys k ON k.key_id = a.key_id
			WHERE a.region = ? AND a.name = ?`, r.region, r.alias))
		if errors.Is(err, sql.ErrNoRows) {
			return k, aliasNotFound(r.arn)
		}
		return k, err
	}
	k, err := s.scanKey(q.QueryRowContext(ctx, `SELECT `+keyColumns+` FROM kms_keys WHERE key_id = ? AND region = ?`, r.keyID, r.region))
	if errors.Is(err, sql.ErrNoRows) {
		return k, keyNotFound(s.keyArn(r.region, r.keyID))
	}
	return k, err
}

func prefixed(p, columns string) string {
	parts := strings.Split(columns, ", ")
	for i := range parts {
		parts[i] = p + parts[i]
	}
	return strings.Join(parts, ", ")
}

// find purges expired keys and loads the key id names in region.
func (s *Service) find(ctx context.Context, now time.Time, region, id string, aliases bool) (key, error) {
	r, err := s.parseRef(region, id, aliases)
	if err != nil {
		return key{}, err
	}
	if r.region != region {
		// KMS is regional: a key or alias of another Region is not found here.
		if r.alias != "" {
			return key{}, aliasNotFound(r.arn)
		}
		return key{}, keyNotFound(r.arn)
	}
	if err := purge(ctx, s.db.SQL(), now); err != nil {
		return key{}, err
	}
	return s.load(ctx, s.db.SQL(), r)
}

// ErrKeyNotFound is returned (wrapped) by ResolveKey for an identifier that names
// no key of this account in the region.
var ErrKeyNotFound = errors.New("KMS key not found")

// ResolveKey resolves a key ID, key ARN, alias name ("alias/…") or alias ARN in
// region (the account's home region when "") to the key's ARN, and reports whether
// the key is enabled (a disabled key or one pending deletion cannot be used). An
// identifier that names no key wraps ErrKeyNotFound; one that is not a KMS
// identifier at all wraps the protocol error KMS would answer
// (InvalidArnException, NotFoundException "Invalid keyId …").
func (s *Service) ResolveKey(ctx context.Context, region, idOrAliasOrARN string) (keyARN string, enabled bool, err error) {
	if region == "" {
		region = s.home
	}
	k, err := s.find(ctx, s.now(), region, idOrAliasOrARN, true)
	if err != nil {
		var notFound bool
		if pe := asProtocol(err); pe != nil && pe.Code == "NotFoundException" && !strings.HasPrefix(pe.Message, "Invalid keyId") {
			notFound = true
		}
		if notFound {
			return "", false, fmt.Errorf("%w: %s: %w", ErrKeyNotFound, idOrAliasOrARN, err)
		}
		return "", false, err
	}
	return k.arn, k.state == StateEnabled, nil
}

// KeyState returns the key's state (Enabled, Disabled, PendingDeletion) for the
// identifiers ResolveKey accepts, with the same errors.
func (s *Service) KeyState(ctx context.Context, region, idOrAliasOrARN string) (string, error) {
	if region == "" {
		region = s.home
	}
	k, err := s.find(ctx, s.now(), region, idOrAliasOrARN, true)
	if err != nil {
		if pe := asProtocol(err); pe != nil && pe.Code == "NotFoundException" && !strings.HasPrefix(pe.Message, "Invalid keyId") {
			return "", fmt.Errorf("%w: %s: %w", ErrKeyNotFound, idOrAliasOrARN, err)
		}
		return "", err
	}
	return k.state, nil
}

// ServiceAllowed reports whether the key's policy lets an AWS service principal
// (e.g. "cloudtrail.amazonaws.com") perform action ("kms:GenerateDataKey") on the
// key, with the request's condition keys (aws:SourceArn,
// kms:EncryptionContext:aws:cloudtrail:arn…). Service principals hold no IAM
// policies, so only the key policy can allow them. Errors as ResolveKey's.
func (s *Service) ServiceAllowed(ctx context.Context, region, idOrAliasOrARN, servicePrincipal, action string, cond map[string][]string) (bool, error) {
	if region == "" {
		region = s.home
	}
	k, err := s.find(ctx, s.now(), region, idOrAliasOrARN, true)
	if err != nil {
		if pe := asProtocol(err); pe != nil && pe.Code == "NotFoundException" && !strings.HasPrefix(pe.Message, "Invalid keyId") {
			return false, fmt.Errorf("%w: %s: %w", ErrKeyNotFound, idOrAliasOrARN, err)
		}
		return false, err
	}
	doc, err := policy.ParseResource(k.policy)
	if err != nil {
		return false, nil // a policy that does not parse allows nobody
	}
	req := &policy.Request{
		Principal: policy.Principal{Type: policy.PrincipalService, Service: servicePrincipal},
		Action:    action,
		Resource:  k.arn,
		Time:      s.now(),
	}
	req.SetContext("aws:PrincipalServiceName", servicePrincipal)
	for key, v := range cond {
		req.SetContext(key, v...)
	}
	return policy.Evaluate(req, nil, doc, nil).Allowed(), nil
}
