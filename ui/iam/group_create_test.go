package iam

import (
	"context"
	"strings"
	"testing"

	"github.com/labconsole/labconsole/backend"
	"github.com/labconsole/labconsole/locales"
)

func TestCreateGroupValidation(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		lang  locales.Lang
		typed string
		want  string
	}{
		{"empty name en", locales.English, "", "This field is required."},
		{"empty name ko", locales.Korean, "", "필수 항목입니다."},
		{"bad characters en", locales.English, "lab group!", "Use only letters, numbers and these characters"},
		{"bad characters ko", locales.Korean, "lab group", "문자, 숫자"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := simCommon(t, tc.lang)
			g := NewCreateGroup(c)
			d := newDriver(t, g)
			d.keys(tc.typed, "ctrl+s")
			if g.actions.Running() || d.popped() {
				t.Fatal("an invalid name must not be sent")
			}
			if got := g.name.Error(); !strings.Contains(got, tc.want) && !strings.Contains(d.view(), tc.want) {
				t.Errorf("error = %q, want %q", got, tc.want)
			}
			if _, _, err := c.Backend.GetGroup(context.Background(), tc.typed); err == nil && tc.typed != "" {
				t.Error("the group exists")
			}
		})
	}
}

func TestCreateGroupKeys(t *testing.T) {
	t.Parallel()
	c := simCommon(t, locales.English)
	g := NewCreateGroup(c)
	d := newDriver(t, g)
	if !g.Capturing() {
		t.Fatal("the name input has focus first and takes every key")
	}
	d.keys("lab-cloudtrail-group", "tab")
	if !g.onTable || g.Capturing() {
		t.Fatal("tab moves to the policy table")
	}
	d.keys("/", "CloudTrail")
	if !g.Capturing() || g.picker.table.Len() != 2 {
		t.Fatalf("the live filter shows %d policies, want the two CloudTrail ones", g.picker.table.Len())
	}
	contains(t, d.view(), "AWSCloudTrail_FullAccess", "AWSCloudTrail_ReadOnlyAccess")
	d.keys("enter", "space")
	name, arns := g.Values()
	if name != "lab-cloudtrail-group" || len(arns) != 1 || arns[0] != "arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess" {
		t.Fatalf("values = %q %v", name, arns)
	}
	contains(t, d.view(), "aws iam create-group --group-name lab-cloudtrail-group", "attach-group-policy")
	d.keys("space")
	if _, arns := g.Values(); len(arns) != 0 {
		t.Fatal("space again clears the tick")
	}
	d.keys("space", "ctrl+s")
	if !d.popped() {
		t.Fatalf("create must go back to the list; view:\n%s", d.view())
	}
	ps, err := c.Backend.ListAttachedGroupPolicies(context.Background(), "lab-cloudtrail-group")
	if err != nil || len(ps) != 1 || ps[0].PolicyName != "AWSCloudTrail_FullAccess" {
		t.Fatalf("group policies = %+v, %v", ps, err)
	}
}

// TestCreateGroupRollsBack: when attaching a policy is refused, the group is deleted
// again and AWS's error shows.
func TestCreateGroupRollsBack(t *testing.T) {
	t.Parallel()
	for _, lang := range []locales.Lang{locales.English, locales.Korean} {
		t.Run(string(lang), func(t *testing.T) {
			t.Parallel()
			c := simCommon(t, lang)
			admin := c.Backend
			c.Backend = failing{Backend: admin, attachGroup: denied("iam:AttachGroupPolicy")}
			g := NewCreateGroup(c)
			d := newDriver(t, g)
			d.keys("lab-cloudtrail-group", "tab", "/", "CloudTrail", "enter", "space", "ctrl+s")
			if d.popped() {
				t.Fatal("a failed create must stay on the page")
			}
			if _, _, err := admin.GetGroup(context.Background(), "lab-cloudtrail-group"); backend.KindOf(err) != backend.KindNotFound {
				t.Fatalf("the group must be deleted again, GetGroup = %v", err)
			}
			contains(t, d.view(), "iam:AttachGroupPolicy")
		})
	}
}
