package lab

import (
	"context"
	"testing"

	"github.com/labconsole/labconsole/backend/labcheck/labchecktest"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/model"
)

// TestFollowSwitch: after a profile/Region switch the panel keeps reading as the
// principal it started with when the new one is another principal of the same
// account (lab-user's profile), and follows a Region switch or another account.
func TestFollowSwitch(t *testing.T) {
	_, b := labchecktest.Sim(t)
	p := newPanel(t, locales.English, b, Options{})
	admin, err := b.CallerIdentity(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if p.principal != admin.Arn {
		t.Fatalf("principal %q, want %q", p.principal, admin.Arn)
	}
	_, other := labchecktest.Sim(t) // a stand-in backend: only its identity is given
	labUser := model.Identity{Account: admin.Account, Arn: "arn:aws:iam::" + admin.Account + ":user/lab-user"}
	cases := []struct {
		name   string
		id     model.Identity
		follow bool
	}{
		{"another principal, same account", labUser, false},
		{"same principal (a Region switch)", admin, true},
		{"another account", model.Identity{Account: "210987654321", Arn: "arn:aws:iam::210987654321:user/ops"}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p.state = b
			if got := p.FollowSwitch(other, tc.id); got != tc.follow {
				t.Fatalf("FollowSwitch = %v, want %v", got, tc.follow)
			}
			if (p.state == other) != tc.follow {
				t.Fatalf("state switched: %v, want %v", p.state == other, tc.follow)
			}
		})
	}
}
