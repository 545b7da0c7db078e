package awsapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/labconsole/labconsole/backend"
)

// Simulator-only features with no AWS API behind them (billing preferences, the lab
// spend knob, the mailbox) go to the simulator's control API, /_sim/…, on the same
// transport as the AWS calls and signed like them (SigV4, service "sim") with this
// Backend's key: the control API only answers the administrator's.

// simOnly is the error of a simulator-only call in real-AWS mode.
func simOnly(op, code, msg string) error {
	return &backend.Error{Op: op, Kind: backend.KindValidation, Code: code, Message: msg}
}

// signedControl calls an administrator's control endpoint, signed with this
// Backend's key, and decodes its JSON answer into out.
func (b *Backend) signedControl(ctx context.Context, op, method, path string, in, out any) error {
	return b.simControl(ctx, op, method, path, in, out, true)
}

// simControl calls the simulator's control API on the same transport as the AWS
// calls: signed (SigV4, service "sim") for the administrator's endpoints, unsigned
// for console sign-in and sign-out, where a student has a password, not a key.
func (b *Backend) simControl(ctx context.Context, op, method, path string, in, out any, sign bool) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return err
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimSuffix(b.sim.Endpoint, "/")+path, bytes.NewReader(body))
	if err != nil {
		return &backend.Error{Op: op, Kind: backend.KindUnavailable, Message: err.Error(), Err: err}
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if sign {
		sum := sha256.Sum256(body)
		hash := hex.EncodeToString(sum[:])
		req.Header.Set("X-Amz-Content-Sha256", hash)
		creds := aws.Credentials{AccessKeyID: b.sim.AccessKeyID, SecretAccessKey: b.sim.SecretAccessKey, SessionToken: b.sim.SessionToken}
		if err := v4.NewSigner().SignHTTP(ctx, creds, req, hash, "sim", b.sim.Region, time.Now()); err != nil {
			return &backend.Error{Op: op, Kind: backend.KindAuth, Message: err.Error(), Err: err}
		}
	}
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
		return &backend.Error{Op: op, Kind: kind, Message: err.Error(), Err: err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return &backend.Error{Op: op, Kind: backend.KindUnavailable, Message: err.Error(), Err: err}
	}
	if resp.StatusCode != http.StatusOK {
		var ce controlError
		if json.Unmarshal(data, &ce) != nil || ce.Message == "" {
			ce = controlError{Code: http.StatusText(resp.StatusCode), Message: fmt.Sprintf("the simulator answered %d: %.200s", resp.StatusCode, data)}
		}
		return &backend.Error{Op: op, Kind: controlKind(ce.Code, resp.StatusCode, sign), Code: ce.Code, Message: ce.Message}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &backend.Error{Op: op, Kind: backend.KindUnavailable, Message: "the simulator's answer is not JSON: " + err.Error(), Err: err}
	}
	return nil
}

// controlKind classifies a control API failure: by AWS code where it uses one, else
// by status. A refused password (unsigned sign-in) is a credentials problem; a refused
// signed call is a permissions one.
func controlKind(code string, status int, signed bool) backend.Kind {
	if k := backend.KindForCode(code); k != backend.KindUnknown {
		return k
	}
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		if signed {
			return backend.KindAccessDenied
		}
		return backend.KindAuth
	case status == http.StatusNotFound:
		return backend.KindNotFound
	case status < 500:
		return backend.KindValidation
	default:
		return backend.KindUnavailable
	}
}
