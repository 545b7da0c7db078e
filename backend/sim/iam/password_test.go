package iam

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
)

func TestPasswordHash(t *testing.T) {
	h, err := hashPassword("Suwon#0307")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "pbkdf2-sha256$100000$") || strings.Contains(h, "Suwon") {
		t.Fatalf("hash = %q", h)
	}
	h2, _ := hashPassword("Suwon#0307")
	if h == h2 {
		t.Fatal("two hashes of one password must differ (salt)")
	}
	for pw, want := range map[string]bool{"Suwon#0307": true, "suwon#0307": false, "": false} {
		if passwordMatches(h, pw) != want {
			t.Errorf("passwordMatches(%q) != %v", pw, want)
		}
	}
	for _, bad := range []string{"", "plain", "pbkdf2-sha256$x$AA$AA", "md5$1$AA$AA", "pbkdf2-sha256$1$!!$AA"} {
		if passwordMatches(bad, "x") {
			t.Errorf("malformed hash %q matched", bad)
		}
	}
}

// TestLoginProfileStoresOnlyAHash reads the account database itself: the password
// must not be there in clear.
func TestLoginProfileStoresOnlyAHash(t *testing.T) {
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
	allow := func(*service.Call, service.AuthzRequest) error { return nil }
	c := &service.Call{Ctx: ctx, Now: now, Authorizer: allow}
	name, pw := "lab-user", "Suwon#0307"
	if _, err := s.createLoginProfile(c, &createLoginProfileInput{UserName: &name, Password: &pw}); err != nil {
		t.Fatal(err)
	}
	if rp, ok := c.Record.RequestParameters.(map[string]any); !ok || rp["password"] != nil || rp["userName"] != "lab-user" {
		t.Fatalf("recorded requestParameters = %#v", c.Record.RequestParameters)
	}
	var stored string
	if err := db.SQL().QueryRow(`SELECT password_hash FROM iam_login_profiles`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stored, pw) || !passwordMatches(stored, pw) {
		t.Fatalf("stored %q", stored)
	}
}
