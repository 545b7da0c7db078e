package iam_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/labconsole/labconsole/backend/sim"
	simiam "github.com/labconsole/labconsole/backend/sim/iam"
)

func TestConsoleSignIn(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	var mu sync.Mutex
	var logins []sim.ConsoleLogin
	s.OnConsoleLogin(func(ev sim.ConsoleLogin) {
		mu.Lock()
		logins = append(logins, ev)
		mu.Unlock()
	})
	c := adminIAM(s)
	must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user")}))
	must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("no-password")}))
	must(c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("lab-user"), Password: aws.String(strongPw)}))

	refused := []struct{ name, user, password string }{
		{"wrong password", "lab-user", "Suwon#0308"},
		{"unknown user", "nobody", strongPw},
		{"user without a login profile", "no-password", strongPw},
	}
	for _, r := range refused {
		status, body := control(t, s, "/_sim/signin", sim.SignInRequest{AccountID: "123456789012", UserName: r.user, Password: r.password})
		var e struct{ Code, Message string }
		json.Unmarshal(body, &e)
		if status != http.StatusUnauthorized || e.Message != "Your authentication information is incorrect. Please try again." {
			t.Errorf("%s: %d %s", r.name, status, body)
		}
	}

	cfg, creds := signIn(t, s, "lab-user", strongPw)
	if !strings.HasPrefix(creds.AccessKeyID, "ASIA") || len(creds.AccessKeyID) != 20 || creds.SessionToken == "" ||
		!creds.Expiration.Equal(day.Add(12*time.Hour)) || creds.Arn != "arn:aws:iam::123456789012:user/lab-user" {
		t.Fatalf("sign-in answer = %+v", creds)
	}
	if got := callerArn(t, cfg); got != "arn:aws:iam::123456789012:user/lab-user" {
		t.Fatalf("GetCallerIdentity as the session = %s", got)
	}
	u := must(c.GetUser(ctx, &iam.GetUserInput{UserName: aws.String("lab-user")})).User
	if u.PasswordLastUsed == nil || !u.PasswordLastUsed.Equal(day) {
		t.Fatalf("PasswordLastUsed = %v", u.PasswordLastUsed)
	}

	mu.Lock()
	if len(logins) != 4 {
		t.Fatalf("hook saw %d sign-ins, want 4", len(logins))
	}
	wrong, unknown, ok := logins[0], logins[1], logins[3]
	mu.Unlock()
	if wrong.Success || wrong.ErrorMessage != "Failed authentication" || wrong.Principal.Arn != "arn:aws:iam::123456789012:user/lab-user" {
		t.Errorf("wrong-password event = %+v", wrong)
	}
	if unknown.Principal.UserName != simiam.HiddenUserName || unknown.Principal.Arn != "" {
		t.Errorf("unknown-user event = %+v", unknown)
	}
	if !ok.Success || !ok.Principal.ConsoleSession() || ok.Principal.AccessKeyID != creds.AccessKeyID || ok.UserAgent != "labconsole-test" || !ok.Time.Equal(day) {
		t.Errorf("success event = %+v", ok)
	}

	// The token must come with the key, and only with its own key.
	tokenCases := []struct {
		name string
		cfg  aws.Config
	}{
		{"session key without its token", config(s, creds.AccessKeyID, creds.SecretAccessKey, "")},
		{"session key with another token", config(s, creds.AccessKeyID, creds.SecretAccessKey, "IQoJb3JpZ2luX2VjEnot-the-token")},
		{"long-term key with a token", config(s, s.AdminCredentials().AccessKeyID, s.AdminCredentials().SecretAccessKey, creds.SessionToken)},
	}
	for _, tc := range tokenCases {
		_, err := sts.NewFromConfig(tc.cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		code, msg := apiError(t, err)
		if code != "InvalidClientTokenId" || msg != "The security token included in the request is invalid." {
			t.Errorf("%s: %s: %s", tc.name, code, msg)
		}
	}

	// Sign-out needs the token, then drops the credentials.
	if status, _ := control(t, s, "/_sim/signout", sim.SignOutRequest{AccessKeyID: creds.AccessKeyID, SessionToken: "wrong"}); status != http.StatusForbidden {
		t.Fatalf("sign-out with a wrong token: %d", status)
	}
	if status, body := control(t, s, "/_sim/signout", sim.SignOutRequest{AccessKeyID: creds.AccessKeyID, SessionToken: creds.SessionToken}); status != http.StatusOK {
		t.Fatalf("sign-out: %d %s", status, body)
	}
	_, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if code, _ := apiError(t, err); code != "InvalidClientTokenId" {
		t.Fatalf("after sign-out: %v", err)
	}
}

// TestConsoleSessionExpires: a console session lasts 12 hours of simulated time.
func TestConsoleSessionExpires(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := adminIAM(s)
	must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("lab-user")}))
	must(c.CreateLoginProfile(ctx, &iam.CreateLoginProfileInput{UserName: aws.String("lab-user"), Password: aws.String(strongPw)}))
	cfg, _ := signIn(t, s, "lab-user", strongPw)
	if _, _, err := s.Advance(ctx, 11*time.Hour); err != nil {
		t.Fatal(err)
	}
	callerArn(t, cfg)
	if _, _, err := s.Advance(ctx, time.Hour); err != nil {
		t.Fatal(err)
	}
	_, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	code, msg := apiError(t, err)
	if code != "ExpiredToken" || msg != "The security token included in the request is expired" {
		t.Fatalf("after 12h: %s: %s", code, msg)
	}
}

func TestSignInEndpointRefusesBadRequests(t *testing.T) {
	s := newSim(t)
	for name, body := range map[string]any{"not JSON": "x", "no user": map[string]string{"password": "x"}} {
		if status, _ := control(t, s, "/_sim/signin", body); status != http.StatusBadRequest {
			t.Errorf("%s: %d", name, status)
		}
	}
	status, _ := control(t, s, "/_sim/signin", sim.SignInRequest{AccountID: "999999999999", UserName: "Administrator", Password: "x"})
	if status != http.StatusUnauthorized {
		t.Errorf("another account: %d", status)
	}
	req, _ := http.NewRequest(http.MethodGet, endpoint+"/_sim/signin", nil)
	resp, err := s.RoundTripper().RoundTrip(req)
	if err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /_sim/signin: %v %v", resp.StatusCode, err)
	}
}
