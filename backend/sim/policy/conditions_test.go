package policy

import (
	"testing"
	"time"
)

// ctx builds a request context from key, values… pairs: ctx("k", "v") or
// ctx("k", []string{"a", "b"}).
func ctx(kv ...any) map[string][]string {
	m := map[string][]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		k := kv[i].(string)
		switch v := kv[i+1].(type) {
		case string:
			m[k] = []string{v}
		case []string:
			m[k] = v
		}
	}
	return m
}

// TestConditionOperators evaluates one Allow statement carrying the condition
// for the lab user; the condition decides between Allow and implicit deny.
func TestConditionOperators(t *testing.T) {
	now := time.Date(2026, 3, 7, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		cond string
		ctx  map[string][]string
		time time.Time
		want bool
	}{
		// String operators.
		{"StringEquals match", `{"StringEquals":{"aws:username":"lab-user"}}`, nil, now, true},
		{"StringEquals other user", `{"StringEquals":{"aws:username":"someone"}}`, nil, now, false},
		{"StringEquals is case-sensitive", `{"StringEquals":{"aws:username":"Lab-User"}}`, nil, now, false},
		{"StringEquals values are ORed", `{"StringEquals":{"aws:username":["a","lab-user"]}}`, nil, now, true},
		{"StringEquals no wildcards", `{"StringEquals":{"aws:username":"lab-*"}}`, nil, now, false},
		{"StringEquals missing key", `{"StringEquals":{"s3:x-amz-acl":"private"}}`, nil, now, false},
		{"StringNotEquals values are NORed (match)", `{"StringNotEquals":{"s3:x-amz-acl":["private","public-read"]}}`, ctx("s3:x-amz-acl", "public-read"), now, false},
		{"StringNotEquals values are NORed (none)", `{"StringNotEquals":{"s3:x-amz-acl":["private","public-read"]}}`, ctx("s3:x-amz-acl", "bucket-owner-full-control"), now, true},
		{"StringNotEquals missing key is true", `{"StringNotEquals":{"s3:x-amz-acl":"private"}}`, nil, now, true},
		{"StringEqualsIgnoreCase", `{"StringEqualsIgnoreCase":{"aws:username":"LAB-USER"}}`, nil, now, true},
		{"StringNotEqualsIgnoreCase", `{"StringNotEqualsIgnoreCase":{"aws:username":"LAB-USER"}}`, nil, now, false},
		{"StringLike prefix", `{"StringLike":{"s3:prefix":["home/*"]}}`, ctx("s3:prefix", "home/a/b"), now, true},
		{"StringLike no match", `{"StringLike":{"s3:prefix":["home/*"]}}`, ctx("s3:prefix", "etc/"), now, false},
		{"StringLike single char", `{"StringLike":{"s3:prefix":["v?"]}}`, ctx("s3:prefix", "v1"), now, true},
		{"StringLike empty value", `{"StringLike":{"s3:prefix":["","home/"]}}`, ctx("s3:prefix", ""), now, true},
		{"StringLike with variable", `{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}`, ctx("s3:prefix", "home/lab-user/x"), now, true},
		{"StringLike with variable other", `{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}`, ctx("s3:prefix", "home/other/x"), now, false},
		{"StringNotLike missing key is true", `{"StringNotLike":{"s3:prefix":"home/*"}}`, nil, now, true},
		{"StringNotLike present", `{"StringNotLike":{"s3:prefix":"home/*"}}`, ctx("s3:prefix", "home/x"), now, false},
		{"IfExists missing key", `{"StringEqualsIfExists":{"s3:x-amz-acl":"private"}}`, nil, now, true},
		{"IfExists present mismatch", `{"StringEqualsIfExists":{"s3:x-amz-acl":"private"}}`, ctx("s3:x-amz-acl", "public-read"), now, false},
		{"NotEqualsIfExists present equal", `{"StringNotEqualsIfExists":{"s3:x-amz-acl":"private"}}`, ctx("s3:x-amz-acl", "private"), now, false},
		{"condition keys are case-insensitive", `{"StringEquals":{"AWS:SourceArn":"arn:aws:cloudtrail:us-east-1:123456789012:trail/t"}}`, ctx("aws:sourcearn", "arn:aws:cloudtrail:us-east-1:123456789012:trail/t"), now, true},
		{"context key in mixed case", `{"StringEquals":{"aws:sourceaccount":"123456789012"}}`, ctx("AWS:SourceAccount", "123456789012"), now, true},
		{"iam:PassedToService", `{"StringEquals":{"iam:PassedToService":"cloudtrail.amazonaws.com"}}`, ctx("iam:passedtoservice", "cloudtrail.amazonaws.com"), now, true},
		{"unresolved variable", `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team}"}}`, ctx("s3:prefix", "x"), now, false},
		{"unresolved variable in negated operator", `{"StringNotEquals":{"s3:prefix":"${aws:PrincipalTag/team}"}}`, ctx("s3:prefix", "x"), now, false},
		{"variable default", `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team, 'none'}"}}`, ctx("s3:prefix", "none"), now, true},

		// Numeric operators.
		{"NumericLessThan true", `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctx("s3:max-keys", "5"), now, true},
		{"NumericLessThan equal", `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctx("s3:max-keys", "10"), now, false},
		{"NumericLessThanEquals equal", `{"NumericLessThanEquals":{"s3:max-keys":10}}`, ctx("s3:max-keys", "10"), now, true},
		{"NumericGreaterThan", `{"NumericGreaterThan":{"s3:max-keys":"10"}}`, ctx("s3:max-keys", "11"), now, true},
		{"NumericGreaterThanEquals", `{"NumericGreaterThanEquals":{"s3:max-keys":"10"}}`, ctx("s3:max-keys", "9"), now, false},
		{"NumericEquals float", `{"NumericEquals":{"s3:max-keys":"10"}}`, ctx("s3:max-keys", "10.0"), now, true},
		{"NumericNotEquals", `{"NumericNotEquals":{"s3:max-keys":["10","20"]}}`, ctx("s3:max-keys", "20"), now, false},
		{"Numeric not a number", `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctx("s3:max-keys", "ten"), now, false},
		{"Numeric missing key", `{"NumericLessThan":{"s3:max-keys":"10"}}`, nil, now, false},

		// Date operators, with aws:CurrentTime / aws:EpochTime from Request.Time.
		{"DateLessThan before", `{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}`, nil, now, true},
		{"DateLessThan after", `{"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, nil, now, false},
		{"DateGreaterThan epoch value", `{"DateGreaterThan":{"aws:CurrentTime":"1585699200"}}`, nil, now, true},
		{"DateGreaterThanEquals date only", `{"DateGreaterThanEquals":{"aws:CurrentTime":"2026-03-07"}}`, nil, now, true},
		{"DateLessThanEquals", `{"DateLessThanEquals":{"aws:CurrentTime":"2026-03-07T12:00:00Z"}}`, nil, now, true},
		{"DateEquals", `{"DateEquals":{"aws:CurrentTime":"2026-03-07T12:00:00Z"}}`, nil, now, true},
		{"DateNotEquals", `{"DateNotEquals":{"aws:CurrentTime":"2026-03-07T12:00:00Z"}}`, nil, now, false},
		{"Date with zone offset", `{"DateEquals":{"aws:CurrentTime":"2026-03-07T13:00:00+01:00"}}`, nil, now, true},
		{"EpochTime key", `{"DateLessThan":{"aws:EpochTime":"2030-01-01T00:00:00Z"}}`, nil, now, true},
		{"Date from context", `{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}`, ctx("aws:currenttime", "2031-05-01T00:00:00Z"), now, false},
		{"Date without clock", `{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}`, nil, time.Time{}, false},

		// Bool and Binary.
		{"Bool false", `{"Bool":{"aws:SecureTransport":"false"}}`, ctx("aws:securetransport", "false"), now, true},
		{"Bool JSON boolean", `{"Bool":{"aws:SecureTransport":false}}`, ctx("aws:securetransport", "false"), now, true},
		{"Bool true vs false", `{"Bool":{"aws:SecureTransport":"false"}}`, ctx("aws:securetransport", "true"), now, false},
		{"BoolIfExists missing", `{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}`, nil, now, true},
		{"BinaryEquals", `{"BinaryEquals":{"aws:test":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}`, ctx("aws:test", "QmluYXJ5VmFsdWVJbkJhc2U2NA=="), now, true},
		{"BinaryEquals other", `{"BinaryEquals":{"aws:test":"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}`, ctx("aws:test", "b3RoZXI="), now, false},

		// IP addresses.
		{"IpAddress in CIDR", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx("aws:sourceip", "203.0.113.7"), now, true},
		{"IpAddress outside CIDR", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx("aws:sourceip", "198.51.100.1"), now, false},
		{"IpAddress single address", `{"IpAddress":{"aws:SourceIp":"203.0.113.5"}}`, ctx("aws:sourceip", "203.0.113.5"), now, true},
		{"IpAddress IPv6", `{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:DB8:1234:5678::/64"]}}`, ctx("aws:sourceip", "2001:db8:1234:5678::1"), now, true},
		{"IpAddress IPv4-mapped", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx("aws:sourceip", "::ffff:203.0.113.9"), now, true},
		{"IpAddress unmasked CIDR", `{"IpAddress":{"aws:SourceIp":"10.1.2.3/8"}}`, ctx("aws:sourceip", "10.200.0.1"), now, true},
		{"NotIpAddress inside", `{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.0.0/16"]}}`, ctx("aws:sourceip", "10.1.1.1"), now, false},
		{"NotIpAddress outside", `{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.0.0/16"]}}`, ctx("aws:sourceip", "8.8.8.8"), now, true},
		{"IpAddress garbage", `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx("aws:sourceip", "not-an-ip"), now, false},

		// ARN operators.
		{"ArnLike", `{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:123456789012:trail/*"}}`, ctx("aws:sourcearn", "arn:aws:cloudtrail:us-east-1:123456789012:trail/mylog"), now, true},
		{"ArnLike other account", `{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:123456789012:trail/*"}}`, ctx("aws:sourcearn", "arn:aws:cloudtrail:us-east-1:999999999999:trail/mylog"), now, false},
		{"ArnEquals exact", `{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:123456789012:t"}}`, ctx("aws:sourcearn", "arn:aws:sns:us-east-1:123456789012:t"), now, true},
		{"ArnEquals takes wildcards too", `{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:123456789012:t"}}`, ctx("aws:sourcearn", "arn:aws:sns:us-east-1:123456789012:t"), now, true},
		{"ArnNotLike missing key is true", `{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:*:*"}}`, nil, now, true},
		{"ArnNotEquals match", `{"ArnNotEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:user/lab-user"}}`, nil, now, false},
		{"ArnLike not an ARN", `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:*"}}`, ctx("aws:sourcearn", "hello"), now, false},
		{"iam:AssociatedResourceArn", `{"ArnLike":{"iam:AssociatedResourceArn":"arn:aws:observabilityadmin:*:*:telemetry-pipeline/*"}}`, ctx("iam:associatedresourcearn", "arn:aws:observabilityadmin:us-east-1:123456789012:telemetry-pipeline/p1"), now, true},

		// Null.
		{"Null true, key absent", `{"Null":{"aws:TokenIssueTime":"true"}}`, nil, now, true},
		{"Null true, key present", `{"Null":{"aws:TokenIssueTime":"true"}}`, ctx("aws:tokenissuetime", "2026-01-01T00:00:00Z"), now, false},
		{"Null false, key present", `{"Null":{"aws:username":"false"}}`, nil, now, true},
		{"Null false, key absent", `{"Null":{"aws:TokenIssueTime":"false"}}`, nil, now, false},

		// Set operators on multivalued keys.
		{"ForAnyValue one matches", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}`, ctx("aws:tagkeys", []string{"x", "a"}), now, true},
		{"ForAnyValue none matches", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}`, ctx("aws:tagkeys", []string{"x", "y"}), now, false},
		{"ForAnyValue missing key", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}`, nil, now, false},
		{"ForAnyValue IfExists missing key", `{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["a"]}}`, nil, now, true},
		{"ForAnyValue negated", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":"a"}}`, ctx("aws:tagkeys", []string{"a", "x"}), now, true},
		{"ForAnyValue single value (CloudWatchFullAccessV2)", `{"ForAnyValue:StringEquals":{"aws:CalledVia":"observabilityadmin.amazonaws.com"}}`, ctx("aws:calledvia", "observabilityadmin.amazonaws.com"), now, true},
		{"ForAllValues subset", `{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`, ctx("aws:tagkeys", []string{"a", "b"}), now, true},
		{"ForAllValues not subset", `{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`, ctx("aws:tagkeys", []string{"a", "c"}), now, false},
		{"ForAllValues missing key is true", `{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`, nil, now, true},
		{"ForAllValues:StringNotLike doc example 1", `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx("aws:tagkeys", []string{"key1:legal"}), now, false},
		{"ForAllValues:StringNotLike doc example 2", `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx("aws:tagkeys", []string{"key2:audit"}), now, true},
		{"ForAllValues:StringNotLike doc example 3", `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, nil, now, true},
		{"unqualified operator on multivalued key", `{"StringEquals":{"aws:TagKeys":"a"}}`, ctx("aws:tagkeys", []string{"a", "b"}), now, false},
		{"unqualified negated operator on multivalued key", `{"StringNotEquals":{"aws:TagKeys":"z"}}`, ctx("aws:tagkeys", []string{"a", "b"}), now, false},

		// AND across operators and keys.
		{"operators ANDed (both)", `{"StringEquals":{"aws:username":"lab-user"},"Bool":{"aws:SecureTransport":"true"}}`, ctx("aws:securetransport", "true"), now, true},
		{"operators ANDed (one)", `{"StringEquals":{"aws:username":"lab-user"},"Bool":{"aws:SecureTransport":"true"}}`, ctx("aws:securetransport", "false"), now, false},
		{"keys ANDed", `{"StringEquals":{"aws:username":"lab-user","aws:PrincipalAccount":"999999999999"}}`, nil, now, false},
		{"derived principal keys", `{"StringEquals":{"aws:PrincipalType":"User","aws:PrincipalArn":"arn:aws:iam::123456789012:user/lab-user","aws:userid":"AIDAJQABLZS4A3QDU576Q"}}`, nil, now, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":`+tc.cond+`}}`)
			req := &Request{Principal: labUser(), Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k", Context: tc.ctx, Time: tc.time}
			got := Evaluate(req, NewPolicySet(NamedDocument{Doc: doc}), nil, nil).Allowed()
			if got != tc.want {
				t.Errorf("allowed = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestParseOperator(t *testing.T) {
	cases := map[string]opSpec{
		"StringEquals":                     {family: famString},
		"StringNotEqualsIfExists":          {family: famString, negated: true, ifExists: true},
		"ForAnyValue:StringLike":           {family: famStringLike, set: setAny},
		"ForAllValues:ArnNotLikeIfExists":  {family: famArn, negated: true, ifExists: true, set: setAll},
		"NumericGreaterThanEqualsIfExists": {family: famNumeric, cmp: cmpGe, ifExists: true},
		"Null":                             {family: famNull},
		"NotIpAddress":                     {family: famIP, negated: true},
	}
	for name, want := range cases {
		got, ok := parseOperator(name)
		if !ok || got != want {
			t.Errorf("parseOperator(%q) = %+v,%v want %+v", name, got, ok, want)
		}
	}
	for _, bad := range []string{"StringEqual", "ForSomeValues:StringEquals", "IfExists", "StringEqualsIfExistsIfExists", ""} {
		if _, ok := parseOperator(bad); ok {
			t.Errorf("parseOperator(%q) accepted", bad)
		}
	}
}

func TestParseDate(t *testing.T) {
	want := time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"2020-04-01T00:00:00Z", "2020-04-01", "1585699200", "2020-04-01T00:00Z", "2020-04-01t00:00:00z", "2020-04-01T02:00:00+02:00", "2020-04-01T00:00:00.000Z", "20200401T000000Z"} {
		got, ok := parseDate(s)
		if !ok || !got.Equal(want) {
			t.Errorf("parseDate(%q) = %v,%v", s, got, ok)
		}
	}
	for _, s := range []string{"", "tomorrow", "2020-13-01", "12:00"} {
		if _, ok := parseDate(s); ok {
			t.Errorf("parseDate(%q) accepted", s)
		}
	}
}

// TestDerivedKeys checks the global keys computed from the principal (IAM User
// Guide, "Principal key values").
func TestDerivedKeys(t *testing.T) {
	root := Principal{Arn: "arn:aws:iam::123456789012:root", Account: testAccount, Type: PrincipalRoot}
	svc := Principal{Type: PrincipalService, Service: "cloudtrail.amazonaws.com"}
	session := Principal{Arn: "arn:aws:sts::123456789012:assumed-role/R/s", Account: testAccount, UserID: "AROAEXAMPLE:s", Type: PrincipalAssumedRole}
	cases := []struct {
		p     Principal
		key   string
		value string
		ok    bool
	}{
		{labUser(), "aws:username", "lab-user", true},
		{labUser(), "aws:principaltype", "User", true},
		{root, "aws:username", "", false},
		{root, "aws:userid", testAccount, true},
		{root, "aws:principaltype", "Account", true},
		{root, "aws:principalarn", "arn:aws:iam::123456789012:root", true},
		{session, "aws:userid", "AROAEXAMPLE:s", true},
		{session, "aws:principaltype", "AssumedRole", true},
		{session, "aws:username", "", false},
		{svc, "aws:principalservicename", "cloudtrail.amazonaws.com", true},
		{svc, "aws:principalarn", "", false},
		{svc, "aws:principalaccount", "", false},
		{Principal{Type: PrincipalAnonymous}, "aws:principaltype", "Anonymous", true},
		{labUser(), "aws:sourceip", "", false},
	}
	for _, tc := range cases {
		ec := &evalCtx{req: &Request{Principal: tc.p}}
		v, ok := ec.variable(tc.key)
		if v != tc.value || ok != tc.ok {
			t.Errorf("%s of %s = %q,%v want %q,%v", tc.key, tc.p.Type, v, ok, tc.value, tc.ok)
		}
	}
	ec := &evalCtx{req: &Request{Principal: labUser(), Time: time.Unix(1585699200, 0)}}
	if v, _ := ec.variable("aws:epochtime"); v != "1585699200" {
		t.Errorf("aws:EpochTime = %q", v)
	}
	if v, _ := ec.variable("aws:currenttime"); v != "2020-04-01T00:00:00Z" {
		t.Errorf("aws:CurrentTime = %q", v)
	}
	// The request context overrides what the principal implies.
	ec = &evalCtx{req: &Request{Principal: labUser(), Context: ctx("aws:username", "override")}}
	if v, _ := ec.variable("aws:username"); v != "override" {
		t.Errorf("context did not override: %q", v)
	}
}
