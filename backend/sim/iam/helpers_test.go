package iam_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend/sim"
)

// The simulator's IAM is tested the way every client sees it: through the real
// aws-sdk-go-v2 clients over the simulator's in-process transport, so signing,
// the awsQuery codec, authorization and IAM's own rules are all in the path.

const endpoint = "http://sim.labconsole.internal"

var day = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newSim(t testing.TB) *sim.Sim {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Now: func() time.Time { return day }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

type doer struct{ rt http.RoundTripper }

func (d doer) Do(r *http.Request) (*http.Response, error) { return d.rt.RoundTrip(r) }

func config(s *sim.Sim, akid, secret, token string) aws.Config {
	return aws.Config{
		Region:       s.Region(),
		Credentials:  credentials.NewStaticCredentialsProvider(akid, secret, token),
		HTTPClient:   doer{s.RoundTripper()},
		BaseEndpoint: aws.String(endpoint),
	}
}

func adminConfig(s *sim.Sim) aws.Config {
	c := s.AdminCredentials()
	return config(s, c.AccessKeyID, c.SecretAccessKey, "")
}

func adminIAM(s *sim.Sim) *iam.Client { return iam.NewFromConfig(adminConfig(s)) }

// apiError splits an SDK error into AWS's code and message.
func apiError(t testing.TB, err error) (string, string) {
	t.Helper()
	if err == nil {
		return "", ""
	}
	var api smithy.APIError
	if !errors.As(err, &api) {
		t.Fatalf("err = %v, want an AWS API error", err)
	}
	return api.ErrorCode(), api.ErrorMessage()
}

// must returns v, or panics with err: for set-up calls that cannot fail unless the
// simulator is broken.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// control posts JSON to the simulator's unsigned sign-in endpoints.
func control(t testing.TB, s *sim.Sim, path string, body any) (int, []byte) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, endpoint+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "labconsole-test")
	resp, err := s.RoundTripper().RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// signIn signs in with a console password and returns an SDK config on the session.
func signIn(t testing.TB, s *sim.Sim, user, password string) (aws.Config, sim.SignInResponse) {
	t.Helper()
	status, body := control(t, s, "/_sim/signin", sim.SignInRequest{AccountID: s.AccountID(), UserName: user, Password: password})
	if status != http.StatusOK {
		t.Fatalf("sign-in as %s: %d %s", user, status, body)
	}
	var r sim.SignInResponse
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	return config(s, r.AccessKeyID, r.SecretAccessKey, r.SessionToken), r
}

func callerArn(t testing.TB, cfg aws.Config) string {
	t.Helper()
	out := must(sts.NewFromConfig(cfg).GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}))
	return aws.ToString(out.Arn)
}

func names[T any](items []T, name func(T) *string) string {
	var out []string
	for _, it := range items {
		out = append(out, aws.ToString(name(it)))
	}
	return strings.Join(out, ",")
}
