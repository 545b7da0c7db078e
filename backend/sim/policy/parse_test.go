package policy

import (
	"errors"
	"reflect"
	"testing"

	"github.com/labconsole/labconsole/assets"
)

func TestEveryShippedPolicyParses(t *testing.T) {
	ps, err := assets.ManagedPolicies()
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) < 10 {
		t.Fatalf("only %d shipped policies", len(ps))
	}
	for _, mp := range ps {
		t.Run(mp.PolicyName, func(t *testing.T) {
			doc, err := Parse(mp.Document)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(doc.Statements) == 0 {
				t.Fatal("no statements")
			}
			for i, st := range doc.Statements {
				for op := range st.Condition {
					if _, ok := parseOperator(op); !ok {
						t.Errorf("statement %d: operator %q not supported", i, op)
					}
				}
				if len(st.conds) != countConditions(st.Condition) {
					t.Errorf("statement %d: compiled %d conditions, document has %d", i, len(st.conds), countConditions(st.Condition))
				}
			}
			if err := doc.RequireVersion2012(); err != nil {
				t.Errorf("RequireVersion2012: %v", err)
			}
		})
	}
}

func countConditions(c Conditions) int {
	n := 0
	for _, keys := range c {
		n += len(keys)
	}
	return n
}

func TestParseShapes(t *testing.T) {
	doc := mustParse(t, `{
		"Version": "2012-10-17",
		"Id": "x",
		"Statement": {
			"Sid": "One",
			"Effect": "Deny",
			"NotAction": "iam:*",
			"NotResource": ["arn:aws:s3:::a", "arn:aws:s3:::b"],
			"Condition": {"Bool": {"aws:SecureTransport": false}, "NumericLessThan": {"s3:max-keys": 10}}
		}
	}`)
	if doc.Version != Version2012 || doc.ID != "x" || len(doc.Statements) != 1 {
		t.Fatalf("document = %+v", doc)
	}
	st := doc.Statements[0]
	want := Statement{
		Sid:         "One",
		Effect:      EffectDeny,
		NotAction:   []string{"iam:*"},
		NotResource: []string{"arn:aws:s3:::a", "arn:aws:s3:::b"},
		Condition: Conditions{
			"Bool":            {"aws:SecureTransport": {"false"}},
			"NumericLessThan": {"s3:max-keys": {"10"}},
		},
	}
	got := Statement{Sid: st.Sid, Effect: st.Effect, NotAction: st.NotAction, NotResource: st.NotResource, Condition: st.Condition}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("statement = %+v, want %+v", got, want)
	}

	res := mustParseResource(t, `{"Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root","111122223333"],"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}`)
	p := res.Statements[0].Principal
	if p == nil || p.All || len(p.AWS) != 2 || len(p.Service) != 1 {
		t.Errorf("principal = %+v", p)
	}
	if !res.Statements[1].Principal.All {
		t.Error(`"Principal": "*" did not set All`)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name     string
		resource bool
		doc      string
		kind     ErrorKind
		msg      string
	}{
		{"bad json", false, `{"Version": "2012-10-17", "Statement": [}`, ErrSyntax, "Syntax errors in policy."},
		{"trailing comma", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},]}`, ErrSyntax, "Syntax errors in policy."},
		{"not an object", false, `null`, ErrSyntax, "Syntax errors in policy."},
		{"trailing data", false, `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}} {}`, ErrSyntax, "Syntax errors in policy."},
		{"missing effect", false, `{"Version":"2012-10-17","Statement":[{"Action":"s3:*","Resource":"*"}]}`, ErrMissingEffect, "Syntax errors in policy."},
		{"invalid effect", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"s3:*","Resource":"*"}]}`, ErrInvalidEffect, "Syntax errors in policy."},
		{"effect case", false, `{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}`, ErrLegacyParsing, "The policy failed legacy parsing"},
		{"bad version", false, `{"Version":"2012-10-18","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, ErrVersion, "Syntax errors in policy."},
		{"numeric version", false, `{"Version":2012,"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, ErrVersion, "Syntax errors in policy."},
		{"unknown operator", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqual":{"aws:username":"x"}}}]}`, ErrSyntax, "Syntax errors in policy."},
		{"unknown element", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Actions":"s3:*","Resource":"*"}]}`, ErrSyntax, "Syntax errors in policy."},
		{"unknown top element", false, `{"Version":"2012-10-17","Statment":[]}`, ErrSyntax, "Syntax errors in policy."},
		{"action and notaction", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}]}`, ErrSyntax, "Syntax errors in policy."},
		{"action not string", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[1],"Resource":"*"}]}`, ErrSyntax, "Syntax errors in policy."},
		{"missing statement", false, `{"Version":"2012-10-17"}`, ErrMissingStatement, "Syntax errors in policy."},
		{"empty statement", false, `{"Version":"2012-10-17","Statement":[]}`, ErrEmptyStatement, "Syntax errors in policy."},
		{"principal in identity", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}`, ErrPrincipalForbidden, "Policy document should not specify a principal."},
		{"missing action", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}`, ErrMissingAction, "Policy statement must contain actions."},
		{"empty action list", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}`, ErrMissingAction, "Policy statement must contain actions."},
		{"missing resource", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}`, ErrMissingResource, "Policy statement must contain resources."},
		{"duplicate sid", false, `{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}`, ErrDuplicateSid, "Statement IDs (SID) in a single policy must be unique."},
		{"action without vendor", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ListBucket","Resource":"*"}]}`, ErrInvalidAction, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."},
		{"action two colons", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:List:Bucket","Resource":"*"}]}`, ErrInvalidAction, "Actions/Condition can contain only one colon."},
		{"bad vendor", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3#:ListBucket","Resource":"*"}]}`, ErrInvalidAction, "Vendor s3# is not valid"},
		{"resource not arn", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"my-bucket"}]}`, ErrInvalidResource, `Resource my-bucket must be in ARN format or "*".`},
		{"resource bad partition", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws2:s3:::b"}]}`, ErrInvalidResource, `Partition "aws2" is not valid for resource "arn:aws2:s3:::b".`},
		{"resource vendor wildcard", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s*:::b"}]}`, ErrInvalidResource, "Resource vendor must be fully qualified and cannot contain regexes."},
		{"iam resource with region", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"arn:aws:iam:us-east-1:123456789012:user/x"}]}`, ErrInvalidResource, "IAM resource arn:aws:iam:us-east-1:123456789012:user/x cannot contain region information."},
		{"bad date", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"tomorrow"}}}]}`, ErrLegacyParsing, "The policy failed legacy parsing"},
		{"condition key without vendor", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"username":"x"}}}]}`, ErrInvalidAction, "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."},
		{"condition value object", false, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":{"a":1}}}}]}`, ErrSyntax, "Syntax errors in policy."},

		{"s3 not json", true, `Version: 2012`, ErrSyntax, "Policies must be valid JSON and the first byte must be '{'"},
		{"s3 invalid json", true, `{"Version":`, ErrSyntax, "This policy contains invalid Json"},
		{"s3 missing principal", true, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, ErrMissingPrincipal, "Missing required field Principal"},
		{"s3 invalid principal", true, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"lab-user"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, ErrInvalidPrincipal, "Invalid principal in policy"},
		{"s3 principal wildcard arn", true, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::*:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, ErrInvalidPrincipal, "Invalid principal in policy"},
		{"s3 invalid effect", true, `{"Version":"2012-10-17","Statement":[{"Effect":"hello","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`, ErrInvalidEffect, "Invalid effect: hello"},
		{"s3 empty statement", true, `{"Version":"2012-10-17","Statement":[]}`, ErrEmptyStatement, "Could not parse the policy: Statement is empty!"},
		{"s3 missing statement", true, `{"Version":"2012-10-17"}`, ErrMissingStatement, "Missing required field Statement"},
		{"s3 invalid action", true, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"invalid_action","Resource":"arn:aws:s3:::b"}]}`, ErrInvalidAction, "Policy has invalid action"},
		{"s3 invalid resource", true, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"bucket"}]}`, ErrInvalidResource, "Policy has invalid resource"},
		{"s3 invalid version", true, `{"Version":"2020-01-01","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b"}]}`, ErrVersion, "The policy must contain a valid version string"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.resource {
				_, err = ParseResource(tc.doc)
			} else {
				_, err = Parse(tc.doc)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want *ParseError", err)
			}
			if pe.Kind != tc.kind || pe.Message != tc.msg {
				t.Errorf("got kind %d %q, want kind %d %q", pe.Kind, pe.Message, tc.kind, tc.msg)
			}
			wantCode := CodeMalformedPolicyDocument
			if tc.resource {
				wantCode = CodeMalformedPolicy
			}
			if pe.Code != wantCode {
				t.Errorf("code = %s, want %s", pe.Code, wantCode)
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	for name, doc := range map[string]string{
		"no version":           `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`,
		"2008 version":         `{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`,
		"action star":          `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`,
		"vendor star":          `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*:Get*","Resource":"*"}}`,
		"qualified operators":  `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ForAllValues:StringLikeIfExists":{"aws:TagKeys":"a*"},"ForAnyValue:StringEquals":{"aws:CalledVia":"x"},"Null":{"aws:TokenIssueTime":"true"}}}}`,
		"unknown empty op":     `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Whatever":{}}}}`,
		"epoch date":           `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:EpochTime":"1585699200"}}}}`,
		"variable in resource": `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}}`,
	} {
		if _, err := Parse(doc); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestRequireVersion2012(t *testing.T) {
	doc := mustParse(t, `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`)
	err := doc.RequireVersion2012()
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Message != "Policy document must be version 2012-10-17 or greater." || pe.Kind != ErrVersionTooOld {
		t.Fatalf("err = %v", err)
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse did not panic on a broken document")
		}
	}()
	MustParse(`{`)
}

func TestPrincipalElement(t *testing.T) {
	ok := []string{
		`"*"`,
		`{"AWS":"*"}`,
		`{"AWS":"123456789012"}`,
		`{"AWS":"arn:aws:iam::123456789012:root"}`,
		`{"AWS":["arn:aws:iam::123456789012:user/a","arn:aws:sts::123456789012:assumed-role/R/s"]}`,
		`{"AWS":"AIDAJQABLZS4A3QDU576Q"}`,
		`{"Service":["cloudtrail.amazonaws.com","config.amazonaws.com"]}`,
		`{"Federated":"cognito-identity.amazonaws.com"}`,
		`{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}`,
	}
	bad := []string{
		`"arn:aws:iam::123456789012:root"`,
		`{}`,
		`{"AWS":[]}`,
		`{"AWS":""}`,
		`{"AWS":"12345"}`,
		`{"AWS":"arn:aws:s3:::bucket"}`,
		`{"AWS":"arn:aws:iam::123456789012:user/*"}`,
		`{"Service":"*.amazonaws.com"}`,
		`{"User":"bob"}`,
		`["*"]`,
		`{"AWS":{"x":1}}`,
	}
	doc := func(p string) string {
		return `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":` + p + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`
	}
	for _, p := range ok {
		if _, err := ParseResource(doc(p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	for _, p := range bad {
		_, err := ParseResource(doc(p))
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Kind != ErrInvalidPrincipal {
			t.Errorf("%s: err = %v, want invalid principal", p, err)
		}
	}
}
