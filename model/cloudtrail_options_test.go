package model

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestNewTrailEventSelectors: the basic selectors the wizard's step 2 writes.
func TestNewTrailEventSelectors(t *testing.T) {
	base := ConsoleNewTrail("t", "b")
	cases := []struct {
		name   string
		edit   func(n *NewTrail)
		custom bool
		want   string // selectors as "rw:mgmt:values|…"
	}{
		{"lab default", func(n *NewTrail) {}, false, "All:true:"},
		{"data same type rides on management", func(n *NewTrail) { n.DataEventsS3, n.DataRead, n.DataWrite = true, true, true }, true, "All:true:arn:aws:s3"},
		{"data of another type gets its own", func(n *NewTrail) { n.DataEventsS3, n.DataRead = true, true }, true, "All:true:|ReadOnly:false:arn:aws:s3"},
		{"no management: data only", func(n *NewTrail) { n.ManagementEvents, n.DataEventsS3, n.DataWrite = false, true, true }, true, "WriteOnly:false:arn:aws:s3"},
		{"buckets covered by all buckets add nothing", func(n *NewTrail) {
			n.DataEventsS3, n.DataRead, n.DataWrite, n.DataBuckets, n.DataBucketsRead = true, true, true, []string{"x"}, true
		}, true, "All:true:arn:aws:s3"},
		{"buckets only", func(n *NewTrail) {
			n.DataEventsS3, n.DataBuckets, n.DataBucketsRead = true, []string{"x", "y"}, true
		}, true, "All:true:|ReadOnly:false:arn:aws:s3:::x/,arn:aws:s3:::y/"},
	}
	for _, c := range cases {
		n := base
		c.edit(&n)
		sels, custom := n.EventSelectors()
		var got []string
		for _, s := range sels {
			var vals []string
			for _, d := range s.DataResources {
				vals = append(vals, strings.Join(d.Values, ","))
			}
			got = append(got, s.ReadWriteType+":"+map[bool]string{true: "true", false: "false"}[s.IncludeManagementEvents]+":"+strings.Join(vals, ";"))
		}
		if custom != c.custom || strings.Join(got, "|") != c.want {
			t.Errorf("%s: %v %q, want %v %q", c.name, custom, strings.Join(got, "|"), c.custom, c.want)
		}
	}
}

// TestNewTrailValidateOptions: each option's rule, with the message ID the console shows.
func TestNewTrailValidateOptions(t *testing.T) {
	cases := []struct {
		name string
		edit func(n *NewTrail)
		id   string
	}{
		{"alias prefix", func(n *NewTrail) { n.KMSEnabled, n.KMSNewAlias = true, "key" }, "CTXKMSAliasPrefix"},
		{"alias reserved", func(n *NewTrail) { n.KMSEnabled, n.KMSNewAlias = true, "alias/aws/x" }, "CTXKMSAliasReserved"},
		{"alias chars", func(n *NewTrail) { n.KMSEnabled, n.KMSNewAlias = true, "alias/a b" }, "CTXKMSAliasChars"},
		{"alias length", func(n *NewTrail) { n.KMSEnabled, n.KMSNewAlias = true, "alias/"+strings.Repeat("a", 251) }, "CTXKMSAliasLength"},
		{"existing key", func(n *NewTrail) { n.KMSEnabled, n.KMSKeyID = true, "arn:aws:sns:r:1:t" }, "CTXKMSKeyInvalid"},
		{"existing key missing", func(n *NewTrail) { n.KMSEnabled = true }, "ValidateRequired"},
		{"topic", func(n *NewTrail) { n.SNSEnabled, n.SNSNewTopic = true, "a b" }, "ValidateTopicNameChars"},
		{"role", func(n *NewTrail) {
			n.CloudWatchLogs, n.LogGroupNew, n.LogGroupName, n.RoleNew, n.RoleName = true, true, "g", true, "a b"
		}, "ValidateIAMNameChars"},
		{"insights need write", func(n *NewTrail) { n.ReadWriteType, n.InsightsCallRate = ReadWriteReadOnly, true }, "CTXInsightsNeedWrite"},
		{"bucket name", func(n *NewTrail) { n.DataEventsS3, n.DataRead, n.DataBuckets = true, true, []string{"Bad_Bucket"} }, "ValidateBucketNameChars"},
	}
	for _, c := range cases {
		n := ConsoleNewTrail("lab-trail", "bucket")
		c.edit(&n)
		err := n.Validate()
		var es Errors
		if err == nil || !asErrors(err, &es) || es[0].ID != c.id {
			t.Errorf("%s: %v, want %s", c.name, err, c.id)
		}
	}
	for _, id := range []string{"alias/lab-key", "arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		"arn:aws:kms:ap-northeast-2:123456789012:alias/lab-key", "1234abcd-12ab-34cd-56ef-1234567890ab"} {
		if err := ValidateTrailKMSKey(id); err != nil {
			t.Errorf("%s refused: %v", id, err)
		}
	}
}

func asErrors(err error, es *Errors) bool {
	e, ok := err.(Errors)
	*es = e
	return ok && len(e) > 0
}

// TestTrailPoliciesAreJSON: every policy the wizard writes parses and names what it must.
func TestTrailPoliciesAreJSON(t *testing.T) {
	trail := TrailARN("ap-northeast-2", "123456789012", "t")
	for name, doc := range map[string]string{
		"key":   TrailKMSKeyPolicy("ap-northeast-2", "123456789012", trail),
		"topic": TrailTopicPolicy(TopicARN("ap-northeast-2", "123456789012", "n"), trail),
		"trust": TrailLogsTrustPolicy,
		"role":  TrailLogsRolePolicy("ap-northeast-2", "123456789012", "g"),
	} {
		var v struct {
			Version   string
			Statement []map[string]any
		}
		if err := json.Unmarshal([]byte(doc), &v); err != nil || v.Version != "2012-10-17" || len(v.Statement) == 0 {
			t.Errorf("%s: %v %+v", name, err, v)
		}
	}
}
