package assets

import "testing"

func TestManagedPoliciesLoadWithDocuments(t *testing.T) {
	ps, err := ManagedPolicies()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"AdministratorAccess", "AWSCloudTrail_FullAccess", "AmazonS3FullAccess"} {
		p, ok := ManagedPolicyByName(name)
		if !ok {
			t.Fatalf("%s not shipped (have %d policies)", name, len(ps))
		}
		if p.Arn != "arn:aws:iam::aws:policy/"+name || p.Document == "" || p.PolicyID == "" || p.CreateDate.IsZero() {
			t.Errorf("%s incomplete: %+v", name, p)
		}
	}
}
