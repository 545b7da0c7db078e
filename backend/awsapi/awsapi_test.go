package awsapi_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/model"
)

// newSim starts an ephemeral simulator and the real awsapi backend on it.
func newSim(t testing.TB, dir string) (*sim.Sim, *awsapi.Backend) {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	creds := s.AdminCredentials()
	return s, awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey})
}

func TestCallerIdentityIsTheSeededAdministrator(t *testing.T) {
	_, b := newSim(t, "")
	id, err := b.CallerIdentity(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if id.Account != "123456789012" || id.Arn != "arn:aws:iam::123456789012:user/Administrator" || id.Name() != "Administrator" {
		t.Fatalf("identity = %+v", id)
	}
	if len(id.UserID) != 21 || id.UserID[:4] != "AIDA" {
		t.Fatalf("user ID %q is not an IAM user ID", id.UserID)
	}
	if b.Info().Mode != backend.ModeSimulator || b.Info().Region != "ap-northeast-2" {
		t.Fatalf("info = %+v", b.Info())
	}
}

func TestCreateGetListUsers(t *testing.T) {
	ctx := context.Background()
	_, b := newSim(t, "")
	created, err := b.CreateUser(ctx, model.NewUser{UserName: "lab-user", Tags: []model.Tag{{Key: "Name", Value: "lab-user"}}})
	if err != nil {
		t.Fatal(err)
	}
	if created.Arn != "arn:aws:iam::123456789012:user/lab-user" || created.Path != "/" || created.CreateDate.IsZero() {
		t.Fatalf("created = %+v", created)
	}
	got, err := b.GetUser(ctx, "lab-user")
	if err != nil {
		t.Fatal(err)
	}
	if got.UserID != created.UserID || len(got.Tags) != 1 || got.Tags[0] != (model.Tag{Key: "Name", Value: "lab-user"}) {
		t.Fatalf("GetUser = %+v", got)
	}
	page, err := b.ListUsers(ctx, model.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range page.Items {
		names = append(names, u.UserName)
	}
	if fmt.Sprint(names) != "[Administrator lab-user]" || page.NextToken != "" {
		t.Fatalf("ListUsers = %v next=%q", names, page.NextToken)
	}
}

func TestIAMErrorsKeepAWSCodes(t *testing.T) {
	ctx := context.Background()
	_, b := newSim(t, "")
	if _, err := b.CreateUser(ctx, model.NewUser{UserName: "dup"}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name     string
		call     func() error
		wantKind backend.Kind
		wantCode string
		wantMsg  string
	}{
		{"duplicate ignoring case", func() error { _, err := b.CreateUser(ctx, model.NewUser{UserName: "DUP"}); return err },
			backend.KindAlreadyExists, "EntityAlreadyExists", "User with name DUP already exists."},
		{"missing user", func() error { _, err := b.GetUser(ctx, "nobody"); return err },
			backend.KindNotFound, "NoSuchEntity", "The user with name nobody cannot be found."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.call()
			var be *backend.Error
			if !errors.As(err, &be) {
				t.Fatalf("err = %v, want *backend.Error", err)
			}
			if be.Kind != c.wantKind || be.Code != c.wantCode || be.Message != c.wantMsg {
				t.Fatalf("err = kind %v code %q msg %q", be.Kind, be.Code, be.Message)
			}
		})
	}
}

func TestCreateUserValidatesBeforeTheCall(t *testing.T) {
	_, b := newSim(t, "")
	_, err := b.CreateUser(context.Background(), model.NewUser{UserName: "bad name"})
	var fe model.Errors
	if !errors.As(err, &fe) || fe.For("UserName") == nil || fe.For("UserName").ID != "ValidateIAMNameChars" {
		t.Fatalf("err = %#v, want a UserName field error", err)
	}
}

func TestListUsersPagesWithMarker(t *testing.T) {
	ctx := context.Background()
	_, b := newSim(t, "")
	for i := range 7 {
		if _, err := b.CreateUser(ctx, model.NewUser{UserName: fmt.Sprintf("user-%02d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	var all []string
	token := ""
	pages := 0
	for {
		page, err := b.ListUsers(ctx, model.PageRequest{Token: token, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, u := range page.Items {
			all = append(all, u.UserName)
		}
		if page.NextToken == "" {
			break
		}
		token = page.NextToken
	}
	if pages != 3 || len(all) != 8 || all[0] != "Administrator" || all[7] != "user-06" {
		t.Fatalf("pages=%d users=%v", pages, all)
	}
}

func TestStatePersistsAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s1, b1 := newSim(t, dir)
	creds := s1.AdminCredentials()
	if _, err := b1.CreateUser(ctx, model.NewUser{UserName: "survivor"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s1.Advance(ctx, 6*time.Hour); err != nil {
		t.Fatal(err)
	}
	s1.Close()

	s2, b2 := newSim(t, dir)
	if s2.AdminCredentials() != creds {
		t.Fatal("the administrator's key must survive a restart")
	}
	if _, err := b2.GetUser(ctx, "survivor"); err != nil {
		t.Fatalf("user lost across restart: %v", err)
	}
	if off := s2.Clock().Offset(); off != 6*time.Hour {
		t.Fatalf("clock offset after restart = %v", off)
	}
	if _, err := filepath.Glob(filepath.Join(dir, "accounts", "*.db")); err != nil {
		t.Fatal(err)
	}
}

func TestResetKeepsTheAdministratorKey(t *testing.T) {
	ctx := context.Background()
	s, b := newSim(t, t.TempDir())
	b.CreateUser(ctx, model.NewUser{UserName: "temp"})
	if err := s.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := b.GetUser(ctx, "temp"); backend.KindOf(err) != backend.KindNotFound {
		t.Fatalf("after reset GetUser(temp) err = %v, want NotFound", err)
	}
	if _, err := b.CallerIdentity(ctx); err != nil {
		t.Fatalf("the administrator key must work after reset: %v", err)
	}
}

func TestWrongSecretIsSignatureDoesNotMatch(t *testing.T) {
	s, _ := newSim(t, "")
	creds := s.AdminCredentials()
	bad := awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: creds.AccessKeyID, SecretAccessKey: "wrong" + creds.SecretAccessKey[5:]})
	_, err := bad.CallerIdentity(context.Background())
	var be *backend.Error
	if !errors.As(err, &be) || be.Code != "SignatureDoesNotMatch" || be.Kind != backend.KindAuth {
		t.Fatalf("err = %v", err)
	}
	unknown := awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: "AKIAUNKNOWNUNKNOWN00", SecretAccessKey: "x"})
	_, err = unknown.ListUsers(context.Background(), model.PageRequest{})
	if !errors.As(err, &be) || be.Code != "InvalidClientTokenId" || be.Message != "The security token included in the request is invalid." {
		t.Fatalf("unknown key err = %v", err)
	}
}

func TestCABundleInEnvironmentDoesNotBreakSimulatorMode(t *testing.T) {
	t.Setenv("AWS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
	_, b := newSim(t, "")
	if _, err := b.CallerIdentity(context.Background()); err != nil {
		t.Fatal(err)
	}
}
