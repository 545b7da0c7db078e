package kms

import (
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// Limits from the KMS API model and the KMS quotas.
const (
	MaxDescriptionLen      = 8192
	MinPendingWindowDays   = 7
	MaxPendingWindowDays   = 30
	DefaultPendingWindow   = 30
	MaxKeysPerRegion       = 100000
	SymmetricDefault       = "SYMMETRIC_DEFAULT"
	KeyUsageEncryptDecrypt = "ENCRYPT_DECRYPT"
)

// The enums CreateKey validates (KeyUsageType, KeySpec, OriginType).
const (
	keyUsages = "SIGN_VERIFY, ENCRYPT_DECRYPT, GENERATE_VERIFY_MAC, KEY_AGREEMENT, ENCAPSULATE_DECAPSULATE"
	keySpecs  = "RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SYMMETRIC_DEFAULT, HMAC_224, HMAC_256, HMAC_384, HMAC_512, SM2, ML_DSA_44, ML_DSA_65, ML_DSA_87, ECC_NIST_EDWARDS25519, ML_KEM_512, ML_KEM_768, ML_KEM_1024"
	origins   = "AWS_KMS, EXTERNAL, AWS_CLOUDHSM, EXTERNAL_KEY_STORE"
)

func inSet(v, set string) bool {
	for _, e := range splitSet(set) {
		if e == v {
			return true
		}
	}
	return false
}

func splitSet(set string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(set); i++ {
		if i == len(set) || set[i] == ',' {
			e := set[start:i]
			for len(e) > 0 && e[0] == ' ' {
				e = e[1:]
			}
			out = append(out, e)
			start = i + 1
		}
	}
	return out
}

// KeyMetadata is KMS's KeyMetadata shape.
type KeyMetadata struct {
	AWSAccountId                string
	KeyId                       string
	Arn                         string
	CreationDate                time.Time
	Enabled                     bool
	Description                 string
	KeyUsage                    string
	KeyState                    string
	DeletionDate                *time.Time
	Origin                      string
	KeyManager                  string
	CustomerMasterKeySpec       string
	KeySpec                     string
	EncryptionAlgorithms        []string
	MultiRegion                 bool
	PendingDeletionWindowInDays *int
}

func (s *Service) metadata(k key) *KeyMetadata {
	return &KeyMetadata{
		AWSAccountId: s.account, KeyId: k.id, Arn: k.arn, CreationDate: k.created, Enabled: k.state == StateEnabled,
		Description: k.description, KeyUsage: k.usage, KeyState: k.state, DeletionDate: k.deletionDate,
		Origin: "AWS_KMS", KeyManager: "CUSTOMER", CustomerMasterKeySpec: k.spec, KeySpec: k.spec,
		EncryptionAlgorithms: []string{SymmetricDefault}, PendingDeletionWindowInDays: k.pendingDays,
	}
}

// newKeyID returns a key ID: a random (version 4) UUID, as KMS's are.
func newKeyID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

type createKeyInput struct {
	Policy                         *string
	Description                    *string
	KeyUsage                       *string
	CustomerMasterKeySpec          *string
	KeySpec                        *string
	Origin                         *string
	BypassPolicyLockoutSafetyCheck *bool
	Tags                           []Tag
	MultiRegion                    *bool
}

type keyMetadataOutput struct{ KeyMetadata *KeyMetadata }

type keyIDInput struct{ KeyId string }

type describeKeyInput struct {
	KeyId       string
	GrantTokens []string
}

type updateKeyDescriptionInput struct {
	KeyId       string
	Description *string
}

type listKeysInput struct {
	Limit  *int
	Marker *string
}

// KeyListEntry is KMS's KeyListEntry shape.
type KeyListEntry struct {
	KeyId  string
	KeyArn string
}

type listKeysOutput struct {
	Keys       []KeyListEntry
	NextMarker *string
	Truncated  bool
}

type scheduleKeyDeletionInput struct {
	KeyId               string
	PendingWindowInDays *int
}

type scheduleKeyDeletionOutput struct {
	KeyId               string
	DeletionDate        time.Time
	KeyState            string
	PendingWindowInDays int
}

type cancelKeyDeletionOutput struct{ KeyId string }

// unsupported refuses what KMS supports but the simulator does not model.
func unsupported(what string) error {
	return kmsError("UnsupportedOperationException", "The simulator supports only symmetric encryption keys with key material from AWS KMS in a single Region; %s is not supported.", what)
}

func checkDescription(d *string) error {
	if d != nil && utf8.RuneCountInString(*d) > MaxDescriptionLen {
		return tooLong("description", MaxDescriptionLen)
	}
	return nil
}

func (s *Service) createKey(c *service.Call, in *createKeyInput) (*keyMetadataOutput, error) {
	if err := checkDescription(in.Description); err != nil {
		return nil, err
	}
	usage, spec := KeyUsageEncryptDecrypt, SymmetricDefault
	if in.KeyUsage != nil {
		if !inSet(*in.KeyUsage, keyUsages) {
			return nil, enumError(*in.KeyUsage, "keyUsage", keyUsages)
		}
		usage = *in.KeyUsage
	}
	if in.KeySpec != nil && in.CustomerMasterKeySpec != nil {
		return nil, validation("You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.")
	}
	for member, v := range map[string]*string{"keySpec": in.KeySpec, "customerMasterKeySpec": in.CustomerMasterKeySpec} {
		if v == nil {
			continue
		}
		if !inSet(*v, keySpecs) {
			return nil, enumError(*v, member, keySpecs)
		}
		spec = *v
	}
	if in.Origin != nil && !inSet(*in.Origin, origins) {
		return nil, enumError(*in.Origin, "origin", origins)
	}
	if err := checkTags(in.Tags); err != nil {
		return nil, err
	}
	if in.Policy != nil {
		if err := checkPolicyText(in.Policy); err != nil {
			return nil, err
		}
	}
	cond := map[string][]string{"kms:KeySpec": {spec}, "kms:KeyUsage": {usage}, "kms:KeyOrigin": {"AWS_KMS"}, "kms:CallerAccount": {c.Principal.Account}}
	if len(in.Tags) > 0 {
		keys := make([]string, len(in.Tags))
		for i, t := range in.Tags {
			keys[i] = t.TagKey
			cond["aws:RequestTag/"+t.TagKey] = []string{t.TagValue}
		}
		cond["aws:TagKeys"] = keys
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: "kms:CreateKey", Resource: "*", Context: cond}); err != nil {
		return nil, err
	}
	switch {
	case usage != KeyUsageEncryptDecrypt || spec != SymmetricDefault:
		return nil, unsupported(fmt.Sprintf("KeyUsage %s with KeySpec %s", usage, spec))
	case in.Origin != nil && *in.Origin != "AWS_KMS":
		return nil, unsupported("Origin " + *in.Origin)
	case in.MultiRegion != nil && *in.MultiRegion:
		return nil, unsupported("a multi-Region key")
	}
	k := key{id: newKeyID(), region: c.Region, created: c.Now.Truncate(time.Millisecond), usage: usage, spec: spec, state: StateEnabled, policy: DefaultKeyPolicy(c.Account)}
	k.arn = s.keyArn(k.region, k.id)
	if in.Description != nil {
		k.description = *in.Description
	}
	if in.Policy != nil {
		if err := lockoutCheck(c, k.arn, *in.Policy, in.BypassPolicyLockoutSafetyCheck); err != nil {
			return nil, err
		}
		k.policy = *in.Policy
	}
	c.Record.Resources = []service.EventResource{{Type: "AWS::KMS::Key", Name: k.arn}}
	err := s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM kms_keys WHERE region = ?`, k.region).Scan(&n); err != nil {
			return err
		}
		if n >= MaxKeysPerRegion {
			return kmsError("LimitExceededException", "The request was rejected because a quota was exceeded.") // UNVERIFIED wording
		}
		if _, err := tx.Exec(`INSERT INTO kms_keys(`+keyColumns+`) VALUES(?,?,?,?,?,?,?,?,?,?)`,
			k.id, k.region, k.created.UnixMilli(), k.description, k.usage, k.spec, k.state, nil, nil, k.policy); err != nil {
			return err
		}
		for _, t := range in.Tags {
			if _, err := tx.Exec(`INSERT INTO kms_key_tags(key_id, key, value) VALUES(?,?,?)
				ON CONFLICT(key_id, key) DO UPDATE SET value = excluded.value`, k.id, t.TagKey, t.TagValue); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &keyMetadataOutput{KeyMetadata: s.metadata(k)}, nil
}

func (s *Service) describeKey(c *service.Call, in *describeKeyInput) (*keyMetadataOutput, error) {
	k, err := s.find(c.Ctx, c.Now, c.Region, in.KeyId, true)
	if err != nil {
		return nil, err
	}
	if err := authorizeKey(c, "kms:DescribeKey", k); err != nil {
		return nil, err
	}
	return &keyMetadataOutput{KeyMetadata: s.metadata(k)}, nil
}

// listKeys pages the region's keys in creation order; the marker is opaque.
func (s *Service) listKeys(c *service.Call, in *listKeysInput) (*listKeysOutput, error) {
	if err := checkLimit(in.Limit, 1000); err != nil {
		return nil, err
	}
	limit := 100
	if in.Limit != nil {
		limit = *in.Limit
	}
	after, err := parseMarker(in.Marker)
	if err != nil {
		return nil, err
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: "kms:ListKeys", Resource: "*", Context: withCaller(c, nil)}); err != nil {
		return nil, err
	}
	if err := purge(c.Ctx, s.db.SQL(), c.Now); err != nil {
		return nil, err
	}
	var afterRow int64
	if after != "" {
		if afterRow, err = strconv.ParseInt(after, 10, 64); err != nil {
			return nil, invalidMarker()
		}
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT rowid, key_id FROM kms_keys WHERE region = ? AND rowid > ? ORDER BY rowid LIMIT ?`, c.Region, afterRow, limit+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &listKeysOutput{Keys: []KeyListEntry{}}
	var last int64
	for rows.Next() {
		var id string
		var row int64
		if err := rows.Scan(&row, &id); err != nil {
			return nil, err
		}
		if len(out.Keys) == limit {
			out.Truncated = true
			m := newMarker(strconv.FormatInt(last, 10))
			out.NextMarker = &m
			break
		}
		out.Keys = append(out.Keys, KeyListEntry{KeyId: id, KeyArn: s.keyArn(c.Region, id)})
		last = row
	}
	return out, rows.Err()
}

func newMarker(v string) string { return base64.RawURLEncoding.EncodeToString([]byte(v)) }

func parseMarker(m *string) (string, error) {
	if m == nil {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(*m)
	if err != nil || len(b) == 0 {
		return "", invalidMarker()
	}
	return string(b), nil
}

// setState moves a key between Enabled and Disabled; a key pending deletion must
// have its deletion cancelled first.
func (s *Service) setState(c *service.Call, action, id, state string) error {
	k, err := s.find(c.Ctx, c.Now, c.Region, id, false)
	if err != nil {
		return err
	}
	if err := authorizeKey(c, action, k); err != nil {
		return err
	}
	if k.state == StatePendingDeletion {
		return pendingDeletion(k.arn)
	}
	_, err = s.db.SQL().ExecContext(c.Ctx, `UPDATE kms_keys SET state = ? WHERE key_id = ?`, state, k.id)
	return err
}

func (s *Service) enableKey(c *service.Call, in *keyIDInput) (*struct{}, error) {
	return nil, s.setState(c, "kms:EnableKey", in.KeyId, StateEnabled)
}

func (s *Service) disableKey(c *service.Call, in *keyIDInput) (*struct{}, error) {
	return nil, s.setState(c, "kms:DisableKey", in.KeyId, StateDisabled)
}

func (s *Service) updateKeyDescription(c *service.Call, in *updateKeyDescriptionInput) (*struct{}, error) {
	if in.Description == nil {
		return nil, notNull("description")
	}
	if err := checkDescription(in.Description); err != nil {
		return nil, err
	}
	k, err := s.find(c.Ctx, c.Now, c.Region, in.KeyId, false)
	if err != nil {
		return nil, err
	}
	if err := authorizeKey(c, "kms:UpdateKeyDescription", k); err != nil {
		return nil, err
	}
	if k.state == StatePendingDeletion {
		return nil, pendingDeletion(k.arn)
	}
	_, err = s.db.SQL().ExecContext(c.Ctx, `UPDATE kms_keys SET description = ? WHERE key_id = ?`, *in.Description, k.id)
	return nil, err
}

// scheduleKeyDeletion disables the key and schedules its deletion 7–30 days out
// (30 by default); the key and its aliases are deleted when that date passes.
func (s *Service) scheduleKeyDeletion(c *service.Call, in *scheduleKeyDeletionInput) (*scheduleKeyDeletionOutput, error) {
	days := DefaultPendingWindow
	if in.PendingWindowInDays != nil {
		days = *in.PendingWindowInDays
		if days < MinPendingWindowDays {
			return nil, validation("1 validation error detected: Value '%d' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to %d", days, MinPendingWindowDays)
		}
		if days > MaxPendingWindowDays {
			return nil, validation("1 validation error detected: Value '%d' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to %d", days, MaxPendingWindowDays)
		}
	}
	k, err := s.find(c.Ctx, c.Now, c.Region, in.KeyId, false)
	if err != nil {
		return nil, err
	}
	if err := authorizeKey(c, "kms:ScheduleKeyDeletion", k); err != nil {
		return nil, err
	}
	if k.state == StatePendingDeletion {
		return nil, pendingDeletion(k.arn)
	}
	when := c.Now.Add(time.Duration(days) * 24 * time.Hour).Truncate(time.Millisecond)
	if _, err := s.db.SQL().ExecContext(c.Ctx, `UPDATE kms_keys SET state = ?, deletion_date = ?, pending_days = ? WHERE key_id = ?`,
		StatePendingDeletion, when.UnixMilli(), days, k.id); err != nil {
		return nil, err
	}
	return &scheduleKeyDeletionOutput{KeyId: k.arn, DeletionDate: when, KeyState: StatePendingDeletion, PendingWindowInDays: days}, nil
}

// cancelKeyDeletion leaves the key Disabled, as KMS does.
func (s *Service) cancelKeyDeletion(c *service.Call, in *keyIDInput) (*cancelKeyDeletionOutput, error) {
	k, err := s.find(c.Ctx, c.Now, c.Region, in.KeyId, false)
	if err != nil {
		return nil, err
	}
	if err := authorizeKey(c, "kms:CancelKeyDeletion", k); err != nil {
		return nil, err
	}
	if k.state != StatePendingDeletion {
		return nil, notPendingDeletion(k.arn)
	}
	if _, err := s.db.SQL().ExecContext(c.Ctx, `UPDATE kms_keys SET state = ?, deletion_date = NULL, pending_days = NULL WHERE key_id = ?`,
		StateDisabled, k.id); err != nil {
		return nil, err
	}
	return &cancelKeyDeletionOutput{KeyId: k.arn}, nil
}
