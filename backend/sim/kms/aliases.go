package kms

import (
	"database/sql"
	"errors"
	"regexp"
	"strings"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// Alias rules (AliasNameType): 1–256 characters of [a-zA-Z0-9:/_-], starting with
// "alias/"; "alias/aws/" is reserved for AWS managed keys.
const (
	MaxAliasNameLen = 256
	AliasPrefix     = "alias/"
	ReservedPrefix  = "alias/aws/"
)

var aliasChars = regexp.MustCompile(`^[a-zA-Z0-9:/_-]+$`)

// AliasListEntry is KMS's AliasListEntry shape.
type AliasListEntry struct {
	AliasName       string
	AliasArn        string
	TargetKeyId     *string
	CreationDate    *time.Time
	LastUpdatedDate *time.Time
}

type aliasInput struct {
	AliasName   string
	TargetKeyId string
}

type deleteAliasInput struct{ AliasName string }

type listAliasesInput struct {
	KeyId  *string
	Limit  *int
	Marker *string
}

type listAliasesOutput struct {
	Aliases    []AliasListEntry
	NextMarker *string
	Truncated  bool
}

// ValidateAliasName applies KMS's alias name rules for a new alias, with KMS's
// errors; the console can share it.
func ValidateAliasName(name string) error {
	switch {
	case name == "":
		return notNull("aliasName")
	case len(name) > MaxAliasNameLen:
		return tooLong("aliasName", MaxAliasNameLen)
	case !aliasChars.MatchString(name):
		return validation("1 validation error detected: Value '%s' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$", name)
	case !strings.HasPrefix(name, AliasPrefix) || name == AliasPrefix:
		return validation(`Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html`) // UNVERIFIED wording
	case strings.HasPrefix(name, ReservedPrefix):
		return kmsError("NotAuthorizedException", "Alias names that begin with alias/aws/ are reserved for AWS managed keys.") // UNVERIFIED wording
	}
	return nil
}

// targetKey loads the key an alias is to point at: a key ID or key ARN, never
// another alias.
func (s *Service) targetKey(c *service.Call, target string) (key, error) {
	if strings.HasPrefix(target, AliasPrefix) || (strings.HasPrefix(target, "arn:") && strings.Contains(target, ":alias/")) {
		return key{}, validation("Aliases must refer to keys. Not aliases") // UNVERIFIED wording
	}
	return s.find(c.Ctx, c.Now, c.Region, target, false)
}

func (s *Service) aliasEntry(region, name, keyID string, created, updated int64) AliasListEntry {
	cd, ud := time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return AliasListEntry{AliasName: name, AliasArn: s.aliasArn(region, name), TargetKeyId: &keyID, CreationDate: &cd, LastUpdatedDate: &ud}
}

func (s *Service) createAlias(c *service.Call, in *aliasInput) (*struct{}, error) {
	if err := ValidateAliasName(in.AliasName); err != nil {
		return nil, err
	}
	k, err := s.targetKey(c, in.TargetKeyId)
	if err != nil {
		return nil, err
	}
	aliasArn := s.aliasArn(c.Region, in.AliasName)
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: "kms:CreateAlias", Resource: aliasArn, Context: withCaller(c, nil)}); err != nil {
		return nil, err
	}
	if err := authorizeKey(c, "kms:CreateAlias", k); err != nil {
		return nil, err
	}
	if k.state == StatePendingDeletion {
		return nil, pendingDeletion(k.arn)
	}
	now := c.Now.UnixMilli()
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRow(`SELECT 1 FROM kms_aliases WHERE region = ? AND name = ?`, c.Region, in.AliasName).Scan(&one)
		if err == nil {
			return kmsError("AlreadyExistsException", "An alias with the name %s already exists", aliasArn)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err = tx.Exec(`INSERT INTO kms_aliases(region, name, key_id, created, updated) VALUES(?,?,?,?,?)`, c.Region, in.AliasName, k.id, now, now)
		return err
	})
}

// aliasTarget loads an existing alias's key.
func (s *Service) aliasTarget(c *service.Call, name string) (key, error) {
	if name == "" {
		return key{}, notNull("aliasName")
	}
	if !strings.HasPrefix(name, AliasPrefix) {
		return key{}, ValidateAliasName(name)
	}
	return s.find(c.Ctx, c.Now, c.Region, name, true)
}

// updateAlias points an existing alias at another key.
func (s *Service) updateAlias(c *service.Call, in *aliasInput) (*struct{}, error) {
	old, err := s.aliasTarget(c, in.AliasName)
	if err != nil {
		return nil, err
	}
	k, err := s.targetKey(c, in.TargetKeyId)
	if err != nil {
		return nil, err
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: "kms:UpdateAlias", Resource: s.aliasArn(c.Region, in.AliasName), Context: withCaller(c, nil)}); err != nil {
		return nil, err
	}
	if err := authorizeKey(c, "kms:UpdateAlias", old); err != nil {
		return nil, err
	}
	if err := authorizeKey(c, "kms:UpdateAlias", k); err != nil {
		return nil, err
	}
	if k.state == StatePendingDeletion {
		return nil, pendingDeletion(k.arn)
	}
	_, err = s.db.SQL().ExecContext(c.Ctx, `UPDATE kms_aliases SET key_id = ?, updated = ? WHERE region = ? AND name = ?`, k.id, c.Now.UnixMilli(), c.Region, in.AliasName)
	return nil, err
}

func (s *Service) deleteAlias(c *service.Call, in *deleteAliasInput) (*struct{}, error) {
	k, err := s.aliasTarget(c, in.AliasName)
	if err != nil {
		return nil, err
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: "kms:DeleteAlias", Resource: s.aliasArn(c.Region, in.AliasName), Context: withCaller(c, nil)}); err != nil {
		return nil, err
	}
	if err := authorizeKey(c, "kms:DeleteAlias", k); err != nil {
		return nil, err
	}
	_, err = s.db.SQL().ExecContext(c.Ctx, `DELETE FROM kms_aliases WHERE region = ? AND name = ?`, c.Region, in.AliasName)
	return nil, err
}

// listAliases pages the region's aliases by name, optionally only a key's.
func (s *Service) listAliases(c *service.Call, in *listAliasesInput) (*listAliasesOutput, error) {
	if err := checkLimit(in.Limit, 100); err != nil {
		return nil, err
	}
	limit := 50
	if in.Limit != nil {
		limit = *in.Limit
	}
	after, err := parseMarker(in.Marker)
	if err != nil {
		return nil, err
	}
	keyID := ""
	if in.KeyId != nil {
		k, err := s.find(c.Ctx, c.Now, c.Region, *in.KeyId, false)
		if err != nil {
			return nil, err
		}
		keyID = k.id
	}
	if err := c.AuthorizeRequest(service.AuthzRequest{Action: "kms:ListAliases", Resource: "*", Context: withCaller(c, nil)}); err != nil {
		return nil, err
	}
	if err := purge(c.Ctx, s.db.SQL(), c.Now); err != nil {
		return nil, err
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT name, key_id, created, updated FROM kms_aliases
		WHERE region = ? AND (? = '' OR key_id = ?) AND name > ? ORDER BY name LIMIT ?`, c.Region, keyID, keyID, after, limit+1)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &listAliasesOutput{Aliases: []AliasListEntry{}}
	for rows.Next() {
		var name, id string
		var created, updated int64
		if err := rows.Scan(&name, &id, &created, &updated); err != nil {
			return nil, err
		}
		if len(out.Aliases) == limit {
			out.Truncated = true
			m := newMarker(out.Aliases[limit-1].AliasName)
			out.NextMarker = &m
			break
		}
		out.Aliases = append(out.Aliases, s.aliasEntry(c.Region, name, id, created, updated))
	}
	return out, rows.Err()
}
