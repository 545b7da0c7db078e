package errview

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
	"github.com/labconsole/labconsole/ui/uitest"
)

var denied = &backend.Error{Op: "s3:ListObjectsV2", Kind: backend.KindAccessDenied, Code: "AccessDenied",
	Message: `User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::aws-cloudtrail-logs-123456789012-mylog" because no identity-based policy allows the s3:ListBucket action`}

func TestMissingAction(t *testing.T) {
	cases := map[string]error{
		"s3:ListBucket":           denied,
		"cloudtrail:LookupEvents": errors.New("User: arn:aws:iam::1:user/x is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action"),
		"":                        errors.New("Access Denied"),
	}
	for want, err := range cases {
		if got := MissingAction(err); got != want {
			t.Errorf("MissingAction(%q) = %q, want %q", err, got, want)
		}
	}
}

func TestGoldenPanels(t *testing.T) {
	for _, lang := range locales.Langs {
		for name, err := range map[string]error{
			"denied":   denied,
			"notfound": &backend.Error{Kind: backend.KindNotFound, Code: "NoSuchEntity", Message: "The user with name bob cannot be found."},
			"readonly": &backend.Error{Op: "iam:CreateUser", Kind: backend.KindReadOnly, Code: "ReadOnly", Message: "labconsole is read-only (--read-only): iam:CreateUser was not sent to AWS"},
		} {
			t.Run(name+"_"+string(lang), func(t *testing.T) {
				c := uitest.Common(lang)
				view := View(c, err, 80)
				for _, l := range strings.Split(view, "\n") {
					if w := lipgloss.Width(l); w != 80 {
						t.Fatalf("line width %d, want 80: %q", w, l)
					}
				}
				if name == "denied" && !strings.Contains(view, "s3:ListBucket") {
					t.Fatal("the denial panel must name the missing action")
				}
				if name == "readonly" && (!strings.Contains(view, "iam:CreateUser") || !strings.Contains(view, "--read-only")) {
					t.Fatal("the read-only panel must name the operation and the flag")
				}
				golden.RequireEqual(t, []byte(view))
			})
		}
	}
}
