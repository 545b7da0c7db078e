package iam

import (
	"database/sql"

	"regexp"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// AccessKey is IAM's AccessKey shape, answered once by CreateAccessKey with its secret.
type AccessKey struct {
	UserName        string
	AccessKeyId     string
	Status          string
	SecretAccessKey string
	CreateDate      time.Time
}

// AccessKeyMetadata is IAM's AccessKeyMetadata shape: a key without its secret.
type AccessKeyMetadata struct {
	UserName    string
	AccessKeyId string
	Status      string
	CreateDate  time.Time
}

type createAccessKeyOutput struct{ AccessKey *AccessKey }

type listAccessKeysInput struct {
	UserName *string
	Marker   *string
	MaxItems *int
}

type listAccessKeysOutput struct {
	AccessKeyMetadata []AccessKeyMetadata
	IsTruncated       bool
	Marker            *string
}

type updateAccessKeyInput struct {
	UserName    *string
	AccessKeyId string
	Status      string
}

type deleteAccessKeyInput struct {
	UserName    *string
	AccessKeyId string
}

var accessKeyIDPattern = regexp.MustCompile(`^[\w]{16,128}$`)

func validateAccessKeyID(id string) error {
	if !accessKeyIDPattern.MatchString(id) {
		return service.ValidationError(`1 validation error detected: Value '%s' at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w]+`, id)
	}
	return nil
}

func accessKeyResources(user, id string) []service.EventResource {
	return []service.EventResource{{Type: "AWS::IAM::User", Name: user}, {Type: "AWS::IAM::AccessKey", Name: id}}
}

// createAccessKey issues a key (at most two per user). CloudTrail records the key
// without its secret.
func (s *Service) createAccessKey(c *service.Call, in *userNameInput) (*createAccessKeyOutput, error) {
	name := callerName(c, in.UserName)
	if err := model.ValidateUserName(name); err != nil {
		return nil, validationFrom(err)
	}
	u, err := s.authorizeUser(c, "iam:CreateAccessKey", name)
	if err != nil {
		return nil, err
	}
	now := c.Now.Truncate(time.Second)
	creds, err := s.AddAccessKey(c.Ctx, u.UserName, now)
	if err != nil {
		return nil, err
	}
	s.propagate(accessKeyKey(creds.AccessKeyID))
	key := &AccessKey{UserName: u.UserName, AccessKeyId: creds.AccessKeyID, Status: model.AccessKeyActive, SecretAccessKey: creds.SecretAccessKey, CreateDate: now}
	c.Record.Resources = accessKeyResources(u.UserName, key.AccessKeyId)
	c.Record.ResponseElements = map[string]any{"accessKey": map[string]any{
		"userName": key.UserName, "accessKeyId": key.AccessKeyId, "status": key.Status, "createDate": key.CreateDate,
	}}
	return &createAccessKeyOutput{AccessKey: key}, nil
}

func (s *Service) listAccessKeys(c *service.Call, in *listAccessKeysInput) (*listAccessKeysOutput, error) {
	name := callerName(c, in.UserName)
	if err := model.ValidateUserName(name); err != nil {
		return nil, validationFrom(err)
	}
	p, err := parsePage(in.Marker, in.MaxItems)
	if err != nil {
		return nil, err
	}
	u, err := s.authorizeUser(c, "iam:ListAccessKeys", name)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.SQL().QueryContext(c.Ctx, `SELECT access_key_id, status, create_date FROM iam_access_keys
		WHERE user_id = ? ORDER BY create_date, access_key_id`, u.UserId)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var keys []AccessKeyMetadata
	for rows.Next() {
		k := AccessKeyMetadata{UserName: u.UserName}
		var created int64
		if err := rows.Scan(&k.AccessKeyId, &k.Status, &created); err != nil {
			return nil, err
		}
		k.CreateDate = time.UnixMilli(created).UTC()
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	page, truncated, next := pageSlice(keys, func(k AccessKeyMetadata) string { return k.AccessKeyId }, p)
	return &listAccessKeysOutput{AccessKeyMetadata: append([]AccessKeyMetadata{}, page...), IsTruncated: truncated, Marker: next}, nil
}

// updateAccessKey activates or deactivates a key; an inactive key is refused at
// sign-in time, as AWS refuses it.
func (s *Service) updateAccessKey(c *service.Call, in *updateAccessKeyInput) (*struct{}, error) {
	name := callerName(c, in.UserName)
	if err := model.ValidateUserName(name); err != nil {
		return nil, validationFrom(err)
	}
	if err := validateAccessKeyID(in.AccessKeyId); err != nil {
		return nil, err
	}
	if in.Status != model.AccessKeyActive && in.Status != model.AccessKeyInactive {
		return nil, validationEnum(in.Status, "status", "Active, Inactive, Expired")
	}
	u, err := s.authorizeUser(c, "iam:UpdateAccessKey", name)
	if err != nil {
		return nil, err
	}
	c.Record.Resources = accessKeyResources(u.UserName, in.AccessKeyId)
	res, err := s.db.SQL().ExecContext(c.Ctx, `UPDATE iam_access_keys SET status = ? WHERE access_key_id = ? AND user_id = ?`, in.Status, in.AccessKeyId, u.UserId)
	if err != nil {
		return nil, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, noSuchAccessKey(in.AccessKeyId)
	}
	return nil, nil
}

func (s *Service) deleteAccessKey(c *service.Call, in *deleteAccessKeyInput) (*struct{}, error) {
	name := callerName(c, in.UserName)
	if err := model.ValidateUserName(name); err != nil {
		return nil, validationFrom(err)
	}
	if err := validateAccessKeyID(in.AccessKeyId); err != nil {
		return nil, err
	}
	u, err := s.authorizeUser(c, "iam:DeleteAccessKey", name)
	if err != nil {
		return nil, err
	}
	c.Record.Resources = accessKeyResources(u.UserName, in.AccessKeyId)
	return nil, s.db.Tx(c.Ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM iam_access_keys WHERE access_key_id = ? AND user_id = ?`, in.AccessKeyId, u.UserId)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return noSuchAccessKey(in.AccessKeyId)
		}
		return nil
	})
}
