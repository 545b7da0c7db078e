package awsapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
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
	if err := b.control(ctx, "/_sim/signin", signInRequest{UserName: userName, Password: password}, &out); err != nil {
		return nil, err
	}
	o := *b.sim
	o.AccessKeyID, o.SecretAccessKey, o.SessionToken = out.AccessKeyID, out.SecretAccessKey, out.SessionToken
	return NewSimulator(o), nil
}

// SignOut implements backend.Sessions: the simulator drops the session's
// credentials. A Backend on an access key has no session to end.
func (b *Backend) SignOut(ctx context.Context) error {
	if b.sim == nil || b.sim.SessionToken == "" {
		return nil
	}
	return b.control(ctx, "/_sim/signout", map[string]string{"accessKeyId": b.sim.AccessKeyID, "sessionToken": b.sim.SessionToken}, nil)
}

// control posts JSON to one of the simulator's unsigned control endpoints.
func (b *Backend) control(ctx context.Context, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(b.sim.Endpoint, "/")+path, bytes.NewReader(body))
	if err != nil {
		return &backend.Error{Op: signInOp, Kind: backend.KindUnavailable, Message: err.Error(), Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	client := &http.Client{Timeout: 30 * time.Second}
	if b.sim.Transport != nil {
		client.Transport = b.sim.Transport
	}
	resp, err := client.Do(req)
	if err != nil {
		kind := backend.KindUnavailable
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			kind = backend.KindCanceled
		}
		return &backend.Error{Op: signInOp, Kind: kind, Message: err.Error(), Err: err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return &backend.Error{Op: signInOp, Kind: backend.KindUnavailable, Message: err.Error(), Err: err}
	}
	if resp.StatusCode != http.StatusOK {
		var ce controlError
		if json.Unmarshal(data, &ce) != nil || ce.Message == "" {
			ce = controlError{Code: http.StatusText(resp.StatusCode), Message: fmt.Sprintf("the simulator answered %d: %.200s", resp.StatusCode, data)}
		}
		kind := backend.KindUnavailable
		switch resp.StatusCode {
		case http.StatusUnauthorized, http.StatusForbidden:
			kind = backend.KindAuth
		case http.StatusBadRequest:
			kind = backend.KindValidation
		}
		return &backend.Error{Op: signInOp, Kind: kind, Code: ce.Code, Message: ce.Message}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &backend.Error{Op: signInOp, Kind: backend.KindUnavailable, Message: "the simulator's sign-in answer is not JSON: " + err.Error(), Err: err}
	}
	return nil
}
