package iam

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// Console sign-in. The AWS console signs a user in with a password and hands the
// browser temporary credentials; there is no public API for it. The simulator offers
// the same through its control endpoint (POST /_sim/signin): the password is checked
// against the login profile and a session is issued, an ASIA… key, a secret and a
// session token that requests must carry, bound to the IAM user and valid 12 hours of
// simulated time, as a console session is.

// ConsoleSessionDuration is how long a console session lasts.
const ConsoleSessionDuration = 12 * time.Hour

// MsgSignInFailed is what the AWS sign-in page says for a wrong user name or password.
const MsgSignInFailed = "Your authentication information is incorrect. Please try again."

// ErrSignInFailed is a refused sign-in: unknown user, no login profile or wrong
// password, never saying which.
var ErrSignInFailed = errors.New(MsgSignInFailed)

// HiddenUserName is what CloudTrail records as the user name of a failed sign-in
// whose user does not exist.
const HiddenUserName = "HIDDEN_DUE_TO_SECURITY_REASONS"

// ConsoleSession is a signed-in user's temporary credentials.
type ConsoleSession struct {
	AccessKeyID           string
	SecretAccessKey       string
	SessionToken          string
	Expiration            time.Time
	Principal             service.Principal
	PasswordResetRequired bool
}

// Credential is what the router needs to verify a request: the secret, the session
// token the request must carry ("" for a long-term key), when it expires, and whose
// it is.
type Credential struct {
	Secret       string
	SessionToken string
	Expires      time.Time
	Principal    service.Principal
}

// dummyHash keeps a sign-in for an unknown user as slow as one with a wrong password,
// so timing does not tell which user names exist.
var dummyHash = sync.OnceValue(func() string {
	h, _ := hashPassword("labconsole-no-such-user")
	return h
})

// SignIn checks userName's console password and issues a session. On failure the
// returned principal is who CloudTrail records the failed ConsoleLogin for.
func (s *Service) SignIn(ctx context.Context, userName, password string, now time.Time) (ConsoleSession, service.Principal, error) {
	failed := service.Principal{Type: "IAMUser", Account: s.account, UserName: HiddenUserName}
	var u User
	var hash string
	var reset bool
	err := s.db.SQL().QueryRowContext(ctx, `SELECT u.user_id, u.name, u.path, p.password_hash, p.reset_required
		FROM iam_users u JOIN iam_login_profiles p ON p.user_id = u.user_id WHERE u.name = ?`, userName).
		Scan(&u.UserId, &u.UserName, &u.Path, &hash, &reset)
	if err == nil && s.propagating(loginProfileKey(u.UserName)) {
		err = sql.ErrNoRows // the new password has not reached sign-in yet
	}
	if errors.Is(err, sql.ErrNoRows) {
		passwordMatches(dummyHash(), password)
		if uu, lookupErr := s.userByName(ctx, userName); lookupErr == nil {
			failed = s.principalOf(uu)
		}
		return ConsoleSession{}, failed, ErrSignInFailed
	}
	if err != nil {
		return ConsoleSession{}, failed, err
	}
	p := s.principalOf(u)
	if !passwordMatches(hash, password) {
		return ConsoleSession{}, p, ErrSignInFailed
	}
	issued := now.Truncate(time.Second)
	sess := ConsoleSession{
		AccessKeyID: NewSessionKeyID(), SecretAccessKey: NewSecretAccessKey(), SessionToken: NewSessionToken(),
		Expiration: issued.Add(ConsoleSessionDuration), PasswordResetRequired: reset,
	}
	p.AccessKeyID, p.SessionIssuedAt = sess.AccessKeyID, issued
	sess.Principal = p
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM iam_sessions WHERE expires <= ?`, issued.UnixMilli()); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE iam_users SET password_last_used = ? WHERE user_id = ?`, issued.UnixMilli(), u.UserId); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT INTO iam_sessions(access_key_id, user_id, secret, token, issued, expires, mfa) VALUES(?,?,?,?,?,?,0)`,
			sess.AccessKeyID, u.UserId, sess.SecretAccessKey, sess.SessionToken, issued.UnixMilli(), sess.Expiration.UnixMilli())
		return err
	})
	if err != nil {
		return ConsoleSession{}, p, err
	}
	return sess, p, nil
}

// SignOut ends a console session. The token must match, so only the holder of the
// credentials can end them; an unknown or already ended session is not an error.
func (s *Service) SignOut(ctx context.Context, accessKeyID, sessionToken string) (bool, error) {
	var token string
	err := s.db.SQL().QueryRowContext(ctx, `SELECT token FROM iam_sessions WHERE access_key_id = ?`, accessKeyID).Scan(&token)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	if token != sessionToken {
		return false, nil
	}
	_, err = s.db.SQL().ExecContext(ctx, `DELETE FROM iam_sessions WHERE access_key_id = ?`, accessKeyID)
	return err == nil, err
}

// LookupCredential resolves any access key the router may see: a long-term AKIA key
// or a console session's ASIA key.
func (s *Service) LookupCredential(ctx context.Context, id string) (Credential, bool) {
	if !strings.HasPrefix(id, "ASIA") {
		secret, p, ok := s.LookupAccessKey(ctx, id)
		return Credential{Secret: secret, Principal: p}, ok
	}
	var c Credential
	var u User
	var issued, expires int64
	var mfa bool
	err := s.db.SQL().QueryRowContext(ctx, `SELECT s.secret, s.token, s.issued, s.expires, s.mfa, u.user_id, u.name, u.path
		FROM iam_sessions s JOIN iam_users u ON u.user_id = s.user_id WHERE s.access_key_id = ?`, id).
		Scan(&c.Secret, &c.SessionToken, &issued, &expires, &mfa, &u.UserId, &u.UserName, &u.Path)
	if err != nil {
		return Credential{}, false
	}
	c.Expires = time.UnixMilli(expires).UTC()
	c.Principal = s.principalOf(u)
	c.Principal.AccessKeyID = id
	c.Principal.SessionIssuedAt = time.UnixMilli(issued).UTC()
	c.Principal.MFAUsed = mfa
	return c, true
}

func (s *Service) principalOf(u User) service.Principal {
	return service.Principal{Type: "IAMUser", Account: s.account, UserName: u.UserName, UserID: u.UserId, Arn: s.userArn(u.Path, u.UserName)}
}
