package iam

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/labconsole/labconsole/assets"
	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// Credentials is an access key pair.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
}

// LookupAccessKey resolves an access key to its secret and principal, for signature
// verification. Inactive keys are unknown, as AWS treats them.
func (s *Service) LookupAccessKey(ctx context.Context, id string) (string, service.Principal, bool) {
	var secret, status string
	var u User
	row := s.db.SQL().QueryRowContext(ctx, `SELECT k.secret, k.status, u.user_id, u.name, u.path FROM iam_access_keys k
		JOIN iam_users u ON u.user_id = k.user_id WHERE k.access_key_id = ?`, id)
	if err := row.Scan(&secret, &status, &u.UserId, &u.UserName, &u.Path); err != nil || status != "Active" || s.propagating(accessKeyKey(id)) {
		return "", service.Principal{}, false
	}
	return secret, service.Principal{
		Type:        "IAMUser",
		Account:     s.account,
		UserName:    u.UserName,
		UserID:      u.UserId,
		Arn:         s.userArn(u.Path, u.UserName),
		AccessKeyID: id,
	}, true
}

// AdminUserName is the seeded administrator, as in a fresh lab account.
const AdminUserName = "Administrator"

// SeedAdministrator creates, once, the account's Administrator user with the
// AdministratorAccess managed policy and an access key, and returns that key. Called
// again it returns the existing key, so the credentials printed by `labconsole sim`
// stay valid across restarts. keep, when given, is the key to create (a reset account
// keeps its administrator's key).
func (s *Service) SeedAdministrator(ctx context.Context, now time.Time, keep *Credentials) (Credentials, error) {
	var creds Credentials
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRow(`SELECT k.access_key_id, k.secret FROM iam_access_keys k JOIN iam_users u ON u.user_id = k.user_id
			WHERE u.name = ? AND k.status = 'Active' ORDER BY k.create_date LIMIT 1`, AdminUserName).Scan(&creds.AccessKeyID, &creds.SecretAccessKey)
		if err == nil {
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		admin, ok := assets.ManagedPolicyByName("AdministratorAccess")
		if !ok {
			return errors.New("iam: AdministratorAccess policy is not shipped in assets")
		}
		u := User{Path: "/", UserName: AdminUserName, UserId: NewUserID(), CreateDate: now.Truncate(time.Second)}
		if err := insertUser(tx, u); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO iam_user_policy_attachments(user_id, policy_arn) VALUES(?, ?)`, u.UserId, admin.Arn); err != nil {
			return err
		}
		creds = Credentials{AccessKeyID: NewAccessKeyID(), SecretAccessKey: NewSecretAccessKey()}
		if keep != nil && keep.AccessKeyID != "" {
			creds = *keep
		}
		_, err = tx.Exec(`INSERT INTO iam_access_keys(access_key_id, user_id, secret, status, create_date) VALUES(?,?,?,?,?)`,
			creds.AccessKeyID, u.UserId, creds.SecretAccessKey, "Active", now.UnixMilli())
		return err
	})
	return creds, err
}

// MaxAccessKeysPerUser is IAM's quota.
const MaxAccessKeysPerUser = 2

// AddAccessKey creates an active access key for the user, as CreateAccessKey does; the
// secret is returned only here, once.
func (s *Service) AddAccessKey(ctx context.Context, userName string, now time.Time) (Credentials, error) {
	var creds Credentials
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		var userID string
		if err := tx.QueryRow(`SELECT user_id FROM iam_users WHERE name = ?`, userName).Scan(&userID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return noSuchUser(userName)
			}
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM iam_access_keys WHERE user_id = ?`, userID).Scan(&n); err != nil {
			return err
		}
		if n >= MaxAccessKeysPerUser {
			return protocol.Errorf(409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: %d", MaxAccessKeysPerUser)
		}
		creds = Credentials{AccessKeyID: NewAccessKeyID(), SecretAccessKey: NewSecretAccessKey()}
		_, err := tx.Exec(`INSERT INTO iam_access_keys(access_key_id, user_id, secret, status, create_date) VALUES(?,?,?,?,?)`,
			creds.AccessKeyID, userID, creds.SecretAccessKey, "Active", now.UnixMilli())
		return err
	})
	return creds, err
}
