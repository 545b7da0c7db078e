// Package labchecktest does the lab's actions through backend.Backend, as a student
// would through the console, so tests of the checker, the CLI and the lab panel can
// move an account from "not done" to "done" without driving screens.
package labchecktest

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/backend/awsapi"
	"github.com/labconsole/labconsole/backend/sim"
	"github.com/labconsole/labconsole/model"
)

// Sim opens an ephemeral simulated account and the administrator's Backend on it.
func Sim(t testing.TB) (*sim.Sim, backend.Backend) {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Now: func() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, Admin(s)
}

// Admin is the administrator's Backend on s.
func Admin(s *sim.Sim) backend.Backend {
	c := s.AdminCredentials()
	return awsapi.NewSimulator(awsapi.SimOptions{Transport: s.RoundTripper(), Region: s.Region(), AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey})
}

// Password is lab-user's password in the walkthrough.
const Password = "Suwon#0307"

// Must fails t on err.
func Must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Arn of an AWS managed policy.
func Arn(name string) string { return model.AWSManagedPolicyPrefix + name }

// PartB does B1–B12: the group with its policy and lab-user in it, tagged, with a
// console password.
func PartB(t testing.TB, b backend.Backend) {
	t.Helper()
	ctx := context.Background()
	_, err := b.CreateGroup(ctx, model.NewGroup{GroupName: "lab-cloudtrail-group"})
	Must(t, err)
	Must(t, b.AttachGroupPolicy(ctx, "lab-cloudtrail-group", Arn("AWSCloudTrail_FullAccess")))
	_, err = b.CreateUser(ctx, model.NewUser{UserName: "lab-user", Tags: []model.Tag{{Key: "Name", Value: "lab-user"}}})
	Must(t, err)
	_, err = b.CreateLoginProfile(ctx, model.NewLoginProfile{UserName: "lab-user", Password: Password})
	Must(t, err)
	Must(t, b.AddUserToGroup(ctx, "lab-cloudtrail-group", "lab-user"))
}
