package awsapi

import (
	"context"
	"net/http"
	"time"

	"github.com/labconsole/labconsole/backend"
)

// Console sign-in (backend.Sessions). The simulator signs a user in through its own
// control endpoint, POST /_sim/signin, reached on the same transport as every AWS
// call; the answer is session credentials (ASIA…, secret, token) bound to the IAM
// user, and SignIn returns a new Backend signing with them. Real AWS has no API for
// password sign-in, so there SignIn is refused with backend.ErrNoConsoleSignIn.

const signInOp = "signin:ConsoleLogin"

// signInRequest and signInResponse mirror sim.SignInRequest/Response: awsapi must not
// import the simulator (it also talks to `labconsole sim` over HTTP).
type signInRequest struct {
	AccountID string `json:"accountId,omitempty"`
	UserName  string `json:"userName"`
	Password  string `json:"password"`
}

type signInResponse struct {
	AccessKeyID     string    `json:"AccessKeyId"`
	SecretAccessKey string    `json:"SecretAccessKey"`
	SessionToken    string    `json:"SessionToken"`
	Expiration      time.Time `json:"Expiration"`
}

type controlError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// SignIn implements backend.Sessions.
func (b *Backend) SignIn(ctx context.Context, userName, password string) (backend.Backend, error) {
	if b.sim == nil {
		return nil, &backend.Error{Op: signInOp, Code: "ConsoleSignInUnavailable", Message: backend.ErrNoConsoleSignIn.Error(), Err: backend.ErrNoConsoleSignIn}
	}
	var out signInResponse
	err := b.eventually(ctx, func() error {
		return b.simControl(ctx, signInOp, http.MethodPost, "/_sim/signin", signInRequest{UserName: userName, Password: password}, &out, false)
	}, loginRef(userName, password))
	if err != nil {
		return nil, wrapControl(signInOp, err)
	}
	o := *b.sim
	o.AccessKeyID, o.SecretAccessKey, o.SessionToken = out.AccessKeyID, out.SecretAccessKey, out.SessionToken
	nb := NewSimulator(o)
	nb.lookups, nb.recent = b.lookups, b.recent // the same account
	return nb, nil
}

// SignOut implements backend.Sessions: the simulator drops the session's
// credentials. A Backend on an access key has no session to end.
func (b *Backend) SignOut(ctx context.Context) error {
	if b.sim == nil || b.sim.SessionToken == "" {
		return nil
	}
	return b.simControl(ctx, signInOp, http.MethodPost, "/_sim/signout", map[string]string{"accessKeyId": b.sim.AccessKeyID, "sessionToken": b.sim.SessionToken}, nil, false)
}
