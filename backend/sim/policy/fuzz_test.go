package policy

import (
	"errors"
	"testing"

	"github.com/labconsole/labconsole/assets"
)

// FuzzParse feeds arbitrary documents to Parse and ParseResource: they must
// never panic, must return either a document or a *ParseError, and a parsed
// document must evaluate without panicking.
func FuzzParse(f *testing.F) {
	ps, err := assets.ManagedPolicies()
	if err != nil {
		f.Fatal(err)
	}
	for _, mp := range ps {
		f.Add(mp.Document)
	}
	for _, s := range []string{
		``,
		`{`,
		`null`,
		`[]`,
		`{"Statement":[]}`,
		`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["123456789012","arn:aws:iam::123456789012:user/u"]},"NotAction":"s3:Get*","NotResource":"arn:aws:s3:::b/${aws:username}/*"}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::${aws:username, 'a''b'}${*}${?}${$}${","Condition":{"ForAllValues:StringLikeIfExists":{"aws:TagKeys":["*?*",1,true]},"IpAddress":{"aws:SourceIp":["::/0","bad"]},"DateLessThan":{"aws:CurrentTime":"2030"},"Null":{"x:y":"true"}}}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:*:*:*:*:*:*"}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bogus":{"a:b":"c"}}}]}`,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[{}],"Resource":"*"}]}`,
	} {
		f.Add(s)
	}
	req := &Request{
		Principal: labUser(),
		Action:    "s3:GetObject",
		Resource:  "arn:aws:s3:::b/lab-user/k",
		Context:   map[string][]string{"aws:tagkeys": {"a", "b"}, "aws:sourceip": {"10.0.0.1"}, "aws:currenttime": {"2026-01-01T00:00:00Z"}},
	}
	f.Fuzz(func(t *testing.T, doc string) {
		for _, parse := range []func(string) (*Document, error){Parse, ParseResource} {
			d, err := parse(doc)
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Message == "" || d != nil {
					t.Fatalf("error %v (%T), doc %v", err, err, d)
				}
				continue
			}
			res := Evaluate(req, NewPolicySet(NamedDocument{Doc: d}), d, d)
			_ = DenyMessage(req, res, StyleS3)
		}
	})
}
