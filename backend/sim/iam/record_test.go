package iam

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
)

// TestCreateAccessKeyRecordsNoSecret: CloudTrail's responseElements carry the key but
// never its secret.
func TestCreateAccessKeyRecordsNoSecret(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open("")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := New(ctx, db, "123456789012")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	if err := db.Tx(ctx, func(tx *sql.Tx) error {
		return insertUser(tx, User{UserName: "lab-user", UserId: NewUserID(), Path: "/", CreateDate: now})
	}); err != nil {
		t.Fatal(err)
	}
	c := &service.Call{Ctx: ctx, Now: now, Authorizer: func(*service.Call, service.AuthzRequest) error { return nil }}
	name := "lab-user"
	out, err := s.createAccessKey(c, &userNameInput{UserName: &name})
	if err != nil {
		t.Fatal(err)
	}
	rec, _ := c.Record.ResponseElements.(map[string]any)
	key, _ := rec["accessKey"].(map[string]any)
	if key["accessKeyId"] != out.AccessKey.AccessKeyId || key["secretAccessKey"] != nil || strings.Contains(fmtAny(rec), out.AccessKey.SecretAccessKey) {
		t.Fatalf("recorded responseElements = %#v", rec)
	}
	if len(c.Record.Resources) != 2 || c.Record.Resources[0] != (service.EventResource{Type: "AWS::IAM::User", Name: "lab-user"}) {
		t.Fatalf("resources = %+v", c.Record.Resources)
	}
}

func fmtAny(v any) string { return strings.TrimSpace(fmt.Sprintf("%v", v)) }
