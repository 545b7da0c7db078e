package model

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestValidateTrailName(t *testing.T) {
	cases := map[string]string{
		"lab-events-trail":       "",
		"management-events":      "",
		"a.b_c-d":                "",
		"abc":                    "",
		"":                       "ValidateRequired",
		"ab":                     "ValidateTrailNameLength",
		strings.Repeat("a", 129): "ValidateTrailNameLength",
		"my trail":               "ValidateTrailNameChars",
		"트레일-이름":                 "ValidateTrailNameChars",
		"_abc":                   "ValidateTrailNameStart",
		"abc.":                   "ValidateTrailNameEnd",
		"my--namespace":          "ValidateTrailNameAdjacent",
		"my-_namespace":          "ValidateTrailNameAdjacent",
		"192.168.5.4":            "ValidateTrailNameIP",
	}
	for name, want := range cases {
		err := ValidateTrailName(name)
		got := ""
		if fe, ok := err.(*FieldError); ok {
			got = fe.ID
			if fe.AWS == "" {
				t.Errorf("%q: no AWS message", name)
			}
		} else if err != nil {
			t.Errorf("%q: %T", name, err)
		}
		if got != want {
			t.Errorf("ValidateTrailName(%q) = %q, want %q", name, got, want)
		}
	}
	if err := ValidateTrailName(strings.Repeat("a", 128)); err != nil {
		t.Errorf("128 characters are allowed: %v", err)
	}
}

func TestNewTrailSelectorsAndPolicy(t *testing.T) {
	n := ConsoleNewTrail("lab-events-trail", "aws-cloudtrail-logs-123456789012-mylog")
	if err := n.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, custom := n.Selectors(); custom {
		t.Error("the console's defaults are CloudTrail's default selector")
	}
	n.ReadWriteType, n.ExcludeKMS = ReadWriteWriteOnly, true
	sel, custom := n.Selectors()
	if !custom || sel.ReadWriteType != ReadWriteWriteOnly || len(sel.ExcludeManagementEventSources) != 1 {
		t.Errorf("selectors = %+v %v", sel, custom)
	}
	doc := TrailBucketPolicy("b", "lab", "123456789012", TrailARN("ap-northeast-2", "123456789012", "t"))
	var p struct {
		Statement []struct {
			Sid, Action, Resource string
			Condition             map[string]map[string]string
		}
	}
	if err := json.Unmarshal([]byte(doc), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Statement) != 2 || p.Statement[1].Resource != "arn:aws:s3:::b/lab/AWSLogs/123456789012/*" ||
		p.Statement[0].Condition["StringEquals"]["AWS:SourceArn"] != "arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/t" {
		t.Errorf("policy = %s", doc)
	}
	if !strings.Contains(doc, `"AWS:SourceArn": "arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/t",`) {
		t.Errorf("the console writes AWS:SourceArn before s3:x-amz-acl: %s", doc)
	}
}
