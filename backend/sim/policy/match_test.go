package policy

import "testing"

func TestPatternMatch(t *testing.T) {
	cases := []struct {
		pat, s string
		fold   bool
		want   bool
	}{
		{"s3:Get*", "s3:GetObject", false, true},
		{"s3:Get*", "s3:PutObject", false, false},
		{"*", "", false, true},
		{"", "", false, true},
		{"a?c", "abc", false, true},
		{"a?c", "ac", false, false},
		{"a?c", "abbc", false, false},
		{"a*c", "ac", false, true},
		{"a*c", "abbbc", false, true},
		{"a*c", "abbbd", false, false},
		{"*AccessKey*", "ListAccessKeys", false, true},
		{"*AccessKey*", "listaccesskeys", false, false},
		{"*AccessKey*", "listaccesskeys", true, true},
		{"a*b*c", "aXbYbZc", false, true},
		{"a*b*c", "aXbYbZ", false, false},
		{"home/*", "home/a/b:c", false, true},
		{"??", "é!", false, true}, // '?' is one character, not one byte
		{"a**b", "ab", false, true},
	}
	for _, tc := range cases {
		p := compilePattern(tc.pat, true, false)
		if got, _ := p.match(tc.s, tc.fold, nil); got != tc.want {
			t.Errorf("match(%q, %q, fold=%v) = %v, want %v", tc.pat, tc.s, tc.fold, got, tc.want)
		}
	}
}

func TestPatternWithoutWildcards(t *testing.T) {
	p := compilePattern("a*b?", false, false)
	if ok, _ := p.match("a*b?", false, nil); !ok {
		t.Error("literal pattern does not match itself")
	}
	if ok, _ := p.match("aXbY", false, nil); ok {
		t.Error("StringEquals-style pattern expanded a wildcard")
	}
}

func TestPatternVariables(t *testing.T) {
	req := &Request{
		Principal: labUser(),
		Context:   map[string][]string{"aws:sourceaccount": {testAccount}, "aws:tagkeys": {"a", "b"}},
	}
	ec := &evalCtx{req: req}
	cases := []struct {
		pat, s   string
		want     bool
		resolved bool
	}{
		{"home/${aws:username}/*", "home/lab-user/notes.txt", true, true},
		{"home/${aws:username}/*", "home/other/notes.txt", false, true},
		{"home/${AWS:UserName}/*", "home/lab-user/x", true, true}, // keys are case-insensitive
		{"${aws:userid}", "AIDAJQABLZS4A3QDU576Q", true, true},
		{"${aws:SourceAccount}", testAccount, true, true},
		{"${aws:PrincipalAccount}", testAccount, true, true},
		{"${aws:PrincipalTag/team}", "x", false, false},           // absent: unresolvable
		{"${aws:PrincipalTag/team, 'none'}", "none", true, true},  // default value
		{"${aws:PrincipalTag/team, 'it''s'}", "it's", true, true}, // quote escape
		{"${aws:TagKeys}", "a", false, false},                     // multivalued keys are not variables
		{"a${*}b", "a*b", true, true},                             // ${*} is a literal '*'
		{"a${*}b", "aXb", false, true},                            // …not a wildcard
		{"what${?}", "what?", true, true},                         // ${?} literal '?'
		{"${$}5", "$5", true, true},                               // ${$} literal '$'
		{"${unclosed", "${unclosed", true, true},                  // no brace: literal
		{"x/${aws:username}*", "x/lab-user-and-more", true, true},
	}
	for _, tc := range cases {
		p := compilePattern(tc.pat, true, true)
		got, res := p.match(tc.s, false, ec)
		if got != tc.want || res != tc.resolved {
			t.Errorf("match(%q, %q) = %v,%v want %v,%v", tc.pat, tc.s, got, res, tc.want, tc.resolved)
		}
	}
	// Without variable support (Version 2008-10-17) the text is literal.
	p := compilePattern("home/${aws:username}", true, false)
	if ok, _ := p.match("home/${aws:username}", false, ec); !ok {
		t.Error("2008-10-17 pattern did not treat ${aws:username} literally")
	}
}

func TestActionMatcher(t *testing.T) {
	m := compileActions([]string{"s3:Get*", "iam:ListUsers", "cloudtrail:*", "*:Describe*", "sns:?ublish"}, false)
	cases := []struct {
		action string
		want   bool
	}{
		{"s3:GetObject", true},
		{"S3:getobject", true}, // case-insensitive
		{"s3:PutObject", false},
		{"iam:ListUsers", true},
		{"IAM:listusers", true},
		{"iam:ListUser", false},
		{"iam:ListUsersX", false},
		{"cloudtrail:LookupEvents", true},
		{"cloudtrail2:LookupEvents", false},
		{"ec2:DescribeInstances", true},
		{"sns:Publish", true},
		{"sns:PPublish", false},
		{"s3", false},
	}
	for _, tc := range cases {
		svc, name, _ := cutAction(tc.action)
		if got := m.matches(tc.action, svc, name); got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.action, got, tc.want)
		}
	}
	not := compileActions([]string{"iam:*"}, true)
	if not.matches("iam:CreateUser", "iam", "CreateUser") || !not.matches("s3:GetObject", "s3", "GetObject") {
		t.Error("NotAction inverted wrongly")
	}
}

func cutAction(a string) (string, string, bool) {
	pr := prepare(&Request{Action: a})
	return pr.svc, pr.name, true
}

func TestSplitARN(t *testing.T) {
	v := splitARN("arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:s")
	if v.n != 6 {
		t.Fatalf("n = %d", v.n)
	}
	want := []string{"arn", "aws", "logs", "us-east-1", "123456789012", "log-group:g:log-stream:s"}
	for i, w := range want {
		if got := v.s[v.start[i]:v.end[i]]; got != w {
			t.Errorf("part %d = %q, want %q", i, got, w)
		}
	}
	if v := splitARN("*"); v.n != 1 {
		t.Errorf("splitARN(*) has %d parts", v.n)
	}
}

// TestResourceMatching follows the IAM User Guide, "IAM JSON policy elements:
// Resource": wildcards inside segments, '*' spanning '/' in the resource part,
// a trailing '*' running past ':' boundaries, case-sensitive matching.
func TestResourceMatching(t *testing.T) {
	req := &Request{Principal: labUser()}
	ec := &evalCtx{req: req}
	cases := []struct {
		pattern, arn string
		want         bool
	}{
		{"*", "arn:aws:s3:::anything", true},
		{"*", "*", true},
		{"arn:aws:s3:::aws-cloudtrail-logs*", "arn:aws:s3:::aws-cloudtrail-logs-123456789012-mylog", true},
		{"arn:aws:s3:::aws-cloudtrail-logs*", "arn:aws:s3:::my-bucket", false},
		{"arn:aws:s3:::aws-cloudtrail-logs*", "arn:aws:s3:::aws-cloudtrail-logs-x/AWSLogs/1/file.gz", true}, // '*' spans '/'
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket", false},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c", true},
		{"arn:aws:s3:::bucket/*/test/*", "arn:aws:s3:::bucket/x/y/test/z", true},
		{"arn:aws:s3:::Bucket", "arn:aws:s3:::bucket", false}, // case-sensitive
		{"arn:aws:iam::*:user/Bob", "arn:aws:iam::123456789012:user/bob", false},
		{"arn:aws:iam::*:user/Bob", "arn:aws:iam::123456789012:user/Bob", true},
		{"arn:aws:sns:*:*:aws-cloudtrail-logs*", "arn:aws:sns:us-east-1:123456789012:aws-cloudtrail-logs-t", true},
		{"arn:aws:sns:*:*:aws-cloudtrail-logs*", "arn:aws:sns:us-east-1:123456789012:alarms", false},
		{"arn:aws:sns:us-east-?:*:t", "arn:aws:sns:us-east-1:123456789012:t", true},
		{"arn:aws:sns:us-east-?:*:t", "arn:aws:sns:us-east-10:123456789012:t", false},
		{"arn:aws:logs:*:*:log-group:aws-cloudtrail-logs*", "arn:aws:logs:us-east-1:123456789012:log-group:aws-cloudtrail-logs-1:*", true},
		{"arn:aws:logs:us-east-1:123456789012:*", "arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:s", true},
		{"arn:aws:iam::*:role/aws-service-role/events.amazonaws.com/AWSServiceRoleForCloudWatchEvents*", "arn:aws:iam::123456789012:role/aws-service-role/events.amazonaws.com/AWSServiceRoleForCloudWatchEvents", true},
		{"arn:aws:s3:::*", "*", false},                                                // a specific ARN pattern does not cover "no resource"
		{"arn:aws:s3:*", "arn:aws:s3:::bucket/key", true},                             // trailing '*' of a segment runs past ':'
		{"arn:aws:sns:*:topic", "arn:aws:sns:us-east-1:123456789012:topic", true},     // …and realigns later segments
		{"arn:aws:sns:us-*:topic", "arn:aws:sns:eu-west-1:123456789012:topic", false}, // but still must match
		{"arn:aws:s3:::b*x", "arn:aws:s3:::b:y:x", true},                              // the resource part is one segment
		{"arn:aws:iam::123456789012", "arn:aws:iam::123456789012:user/x", false},      // short pattern without '*'
		{"arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::123456789012:user/lab-user", true},
		{"arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::123456789012:user/other", false},
		{"arn:aws:iam::*:user/*/${aws:username}", "arn:aws:iam::123456789012:user/division/lab-user", true},
		{"arn:aws:iam::${aws:PrincipalAccount}:user/x", "arn:aws:iam::123456789012:user/x", true},
	}
	for _, tc := range cases {
		m := compileResources([]string{tc.pattern}, false, true)
		v := splitARN(tc.arn)
		if got := m.matches(&v, ec); got != tc.want {
			t.Errorf("%s vs %s: got %v, want %v", tc.pattern, tc.arn, got, tc.want)
		}
	}
}

func TestNotResourceWithUnresolvedVariable(t *testing.T) {
	ec := &evalCtx{req: &Request{Principal: Principal{Type: PrincipalRoot, Account: testAccount}}}
	m := compileResources([]string{"arn:aws:s3:::b/${aws:username}/*"}, true, true)
	for _, arn := range []string{"arn:aws:s3:::other/x", "arn:aws:sns:us-east-1:123456789012:t", "*"} {
		v := splitARN(arn)
		if m.matches(&v, ec) {
			t.Errorf("%s: NotResource with an unresolvable variable applied; AWS treats the statement as invalid", arn)
		}
	}
}
