package policy

import "testing"

// TestKeyPolicy: a KMS key policy must allow the request itself; a grant to the
// account delegates to IAM, and without one even AdministratorAccess or the root
// user gets nothing (KMS Developer Guide, "Key policies").
func TestKeyPolicy(t *testing.T) {
	const keyArn = "arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	delegating := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}}`)
	toLabUser := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/lab-user"},"Action":"kms:Decrypt","Resource":"*"}}`)
	cloudTrailOnly := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*"}}`)
	admin := NewPolicySet(managed(t, "AdministratorAccess"))
	root := Principal{Arn: "arn:aws:iam::123456789012:root", Account: testAccount, Type: PrincipalRoot, UserID: testAccount}

	cases := []struct {
		name     string
		p        Principal
		identity *PolicySet
		key      *Document
		action   string
		want     Decision
		deniedBy string
	}{
		{"account grant + IAM allow", labUser(), admin, delegating, "kms:Decrypt", Allow, ""},
		{"account grant, no IAM allow", labUser(), nil, delegating, "kms:Decrypt", ImplicitDeny, DeniedByIdentity},
		{"direct grant needs no IAM", labUser(), nil, toLabUser, "kms:Decrypt", Allow, ""},
		{"direct grant, other action", labUser(), admin, toLabUser, "kms:ScheduleKeyDeletion", ImplicitDeny, DeniedByResource},
		{"no grant: IAM admin refused", labUser(), admin, cloudTrailOnly, "kms:Decrypt", ImplicitDeny, DeniedByResource},
		{"no key policy at all", labUser(), admin, nil, "kms:Decrypt", ImplicitDeny, DeniedByResource},
		{"root with an account grant", root, nil, delegating, "kms:PutKeyPolicy", Allow, ""},
		{"root without one", root, nil, cloudTrailOnly, "kms:PutKeyPolicy", ImplicitDeny, DeniedByResource},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := &Request{Principal: tc.p, Action: tc.action, Resource: keyArn, KeyPolicy: true}
			got := Evaluate(req, tc.identity, tc.key, nil)
			if got.Decision != tc.want || (tc.want != Allow && got.DeniedBy != tc.deniedBy) {
				t.Fatalf("got %+v, want %v denied by %q", got, tc.want, tc.deniedBy)
			}
			// Without KeyPolicy the same documents follow the other services' rule,
			// where IAM alone may allow: the flag is what refuses the admin.
			if tc.name == "no grant: IAM admin refused" {
				req.KeyPolicy = false
				if Evaluate(req, tc.identity, tc.key, nil).Decision != Allow {
					t.Fatal("without KeyPolicy the admin should be allowed")
				}
			}
		})
	}
}
