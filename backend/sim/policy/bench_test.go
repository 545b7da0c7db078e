//go:build bench

package policy

import (
	"testing"
	"time"

	"github.com/labconsole/labconsole/assets"
)

// BenchmarkEvaluate10Policies evaluates requests for a user holding ten
// policies: eight shipped AWS managed policies (including the large Billing and
// CloudWatchFullAccessV2 documents) and two custom ones with conditions and
// policy variables. The budget is well under 20 µs per request.
//
//	go test -tags bench -bench . -run '^$' ./backend/sim/policy/
func BenchmarkEvaluate10Policies(b *testing.B) {
	set := NewPolicySet(
		managed(b, "AWSCloudTrail_FullAccess"),
		managed(b, "AmazonS3ReadOnlyAccess"),
		managed(b, "CloudWatchFullAccessV2"),
		managed(b, "AmazonSNSFullAccess"),
		managed(b, "CloudWatchReadOnlyAccess"),
		managed(b, "Billing"),
		managed(b, "IAMUserChangePassword"),
		managed(b, "AWSCloudTrail_ReadOnlyAccess"),
		NamedDocument{Arn: "arn:aws:iam::123456789012:policy/require-tls", Doc: mustParse(b, `{
			"Version": "2012-10-17",
			"Statement": [
				{"Sid": "DenyInsecure", "Effect": "Deny", "Action": "*", "Resource": "*",
				 "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
				{"Sid": "DenyOutsideOffice", "Effect": "Deny", "Action": ["iam:*", "s3:Delete*"], "Resource": "*",
				 "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}}
			]}`)},
		NamedDocument{Arn: "arn:aws:iam::123456789012:policy/home-dirs", Doc: mustParse(b, `{
			"Version": "2012-10-17",
			"Statement": [
				{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::home",
				 "Condition": {"StringLike": {"s3:prefix": ["", "home/", "home/${aws:username}/*"]}}},
				{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::home/home/${aws:username}/*",
				 "Condition": {"DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}, "StringEquals": {"aws:PrincipalAccount": "123456789012"}}}
			]}`)},
	)
	if set.Len() != 10 {
		b.Fatalf("set has %d policies", set.Len())
	}
	now := time.Date(2026, 3, 7, 12, 0, 0, 0, time.UTC)
	base := map[string][]string{
		"aws:securetransport": {"true"},
		"aws:sourceip":        {"203.0.113.10"},
	}
	with := func(k, v string) map[string][]string {
		m := map[string][]string{}
		for key, val := range base {
			m[key] = val
		}
		m[k] = []string{v}
		return m
	}
	cases := []struct {
		name     string
		action   string
		resource string
		ctx      map[string][]string
		want     Decision
	}{
		{"allow-s3-get", "s3:GetObject", "arn:aws:s3:::data/report.csv", base, Allow},
		{"implicit-deny-s3-put", "s3:PutObject", "arn:aws:s3:::data/report.csv", base, ImplicitDeny},
		{"allow-home-put", "s3:PutObject", "arn:aws:s3:::home/home/lab-user/notes.txt", base, Allow},
		{"allow-list-prefix", "s3:ListBucket", "arn:aws:s3:::home", with("s3:prefix", "home/lab-user/docs"), Allow},
		{"allow-cloudwatch-alarm", "cloudwatch:PutMetricAlarm", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:billing", base, Allow},
		{"allow-passrole-cond", "iam:PassRole", "arn:aws:iam::123456789012:role/ct", with("iam:passedtoservice", "cloudtrail.amazonaws.com"), Allow},
		{"allow-change-password", "iam:ChangePassword", "arn:aws:iam::123456789012:user/lab-user", base, Allow},
		{"explicit-deny-tls", "cloudtrail:LookupEvents", "", with("aws:securetransport", "false"), ExplicitDeny},
		{"implicit-deny-iam", "iam:CreateUser", "arn:aws:iam::123456789012:user/bob", base, ImplicitDeny},
	}
	for _, tc := range cases {
		req := &Request{Principal: labUser(), Action: tc.action, Resource: tc.resource, Context: tc.ctx, Time: now}
		if got := Evaluate(req, set, nil, nil); got.Decision != tc.want {
			b.Fatalf("%s: decision %v, want %v", tc.name, got.Decision, tc.want)
		}
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Evaluate(req, set, nil, nil)
			}
		})
	}
}

// BenchmarkEvaluateBucketPolicy is a CloudTrail delivery (service principal,
// bucket policy with conditions).
func BenchmarkEvaluateBucketPolicy(b *testing.B) {
	bp := mustParseResource(b, `{"Version":"2012-10-17","Statement":[
		{"Sid":"AWSCloudTrailAclCheck20150319","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl","Resource":"arn:aws:s3:::aws-cloudtrail-logs-123456789012-mylog","Condition":{"StringEquals":{"AWS:SourceArn":"arn:aws:cloudtrail:us-east-1:123456789012:trail/mylog"}}},
		{"Sid":"AWSCloudTrailWrite20150319","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::aws-cloudtrail-logs-123456789012-mylog/AWSLogs/123456789012/*","Condition":{"StringEquals":{"AWS:SourceArn":"arn:aws:cloudtrail:us-east-1:123456789012:trail/mylog","s3:x-amz-acl":"bucket-owner-full-control"}}}]}`)
	req := &Request{
		Principal: Principal{Type: PrincipalService, Service: "cloudtrail.amazonaws.com"},
		Action:    "s3:PutObject",
		Resource:  "arn:aws:s3:::aws-cloudtrail-logs-123456789012-mylog/AWSLogs/123456789012/CloudTrail/us-east-1/2026/03/07/f.json.gz",
		Context:   map[string][]string{"aws:sourcearn": {"arn:aws:cloudtrail:us-east-1:123456789012:trail/mylog"}, "s3:x-amz-acl": {"bucket-owner-full-control"}},
	}
	if !Evaluate(req, nil, bp, nil).Allowed() {
		b.Fatal("not allowed")
	}
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(req, nil, bp, nil)
	}
}

// BenchmarkParse is the one-off cost of compiling the largest shipped policy.
func BenchmarkParse(b *testing.B) {
	mp, ok := assets.ManagedPolicyByName("CloudWatchFullAccessV2")
	if !ok {
		b.Fatal("CloudWatchFullAccessV2 not shipped")
	}
	doc := mp.Document
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(doc); err != nil {
			b.Fatal(err)
		}
	}
}
