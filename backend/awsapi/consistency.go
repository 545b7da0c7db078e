package awsapi

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend"
)

// IAM is eventually consistent: AWS documents that a change "is not always
// immediately visible" and that a call following a create may fail until it has
// propagated. The calls that follow a create in the console's flows (add the new
// user to a group, attach a policy to it, give it a password or an access key,
// sign in with the new password) therefore retry with consistencyBackoff while
// the failure names an entity this Backend created moments ago (within freshFor),
// and only then: a typo in a name still fails at once.

// References to entities whose creation the retries wait for.
func userRef(name string) string  { return "user/" + name }
func groupRef(name string) string { return "group/" + name }

// loginRef names a console password just set: sign-in waits for that password
// only, so a mistyped one is refused at once. The password is kept only as a
// salted hash, in memory, for freshFor.
func loginRef(user, password string) string {
	h := sha256.New()
	h.Write(loginSalt[:])
	h.Write([]byte(user + "\x00" + password))
	return "login/" + user + "/" + hex.EncodeToString(h.Sum(nil))
}

var loginSalt = func() (b [32]byte) {
	_, _ = rand.Read(b[:])
	return b
}()

// eventually runs call, retrying it while it fails because one of the entities
// refs names has not propagated yet, until it succeeds, fails for another reason,
// ctx ends or consistencyBackoff's budget is spent.
func (b *Backend) eventually(ctx context.Context, call func() error, refs ...string) error {
	var waiting []string
	if b.recent != nil {
		for _, r := range refs {
			if b.recent.fresh(r) {
				waiting = append(waiting, r)
			}
		}
	}
	if len(waiting) == 0 {
		return call()
	}
	start := time.Now()
	for attempt := 1; ; attempt++ {
		err := call()
		if err == nil || !notPropagated(err, waiting) {
			return err
		}
		d := consistencyBackoff.delay(attempt)
		if time.Since(start)+d > consistencyBackoff.budget {
			return err
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// notPropagated reports whether err is IAM not finding one of the waiting
// entities: NoSuchEntity naming it, or a refused console sign-in for a user whose
// password is new.
func notPropagated(err error, waiting []string) bool {
	var api smithy.APIError
	if errors.As(err, &api) && api.ErrorCode() == "NoSuchEntity" {
		msg := api.ErrorMessage()
		for _, w := range waiting {
			if kind, name, _ := strings.Cut(w, "/"); kind != "login" && name != "" && strings.Contains(msg, " "+name+" ") {
				return true
			}
		}
		return false
	}
	var be *backend.Error
	if errors.As(err, &be) && be.Code == "AuthenticationFailed" {
		for _, w := range waiting {
			if strings.HasPrefix(w, "login/") {
				return true
			}
		}
	}
	return false
}

// markCreated records IAM entities this Backend has just created or changed.
func (b *Backend) markCreated(refs ...string) {
	if b.recent != nil {
		b.recent.mark(refs...)
	}
}

// wrapControl keeps a control API failure (already a *backend.Error) as it is and
// wraps anything else, such as the context ending while waiting.
func wrapControl(op string, err error) error {
	var be *backend.Error
	if errors.As(err, &be) {
		return err
	}
	return wrap(op, err)
}
