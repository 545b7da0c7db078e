package kms_test

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/smithy-go"

	"github.com/labconsole/labconsole/backend/sim"
	simkms "github.com/labconsole/labconsole/backend/sim/kms"
)

// The simulated KMS is tested through the real aws-sdk-go-v2 KMS client over the
// simulator's in-process transport: signing, the awsJson 1.1 codec, authorization
// with key policies and KMS's own rules are all in the path.

const endpoint = "http://sim.labconsole.internal"

var day = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newSim(t testing.TB) *sim.Sim {
	t.Helper()
	s, err := sim.New(context.Background(), sim.Options{Now: func() time.Time { return day }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

type doer struct{ rt http.RoundTripper }

func (d doer) Do(r *http.Request) (*http.Response, error) { return d.rt.RoundTrip(r) }

func config(s *sim.Sim, akid, secret string) aws.Config {
	return aws.Config{
		Region:       s.Region(),
		Credentials:  credentials.NewStaticCredentialsProvider(akid, secret, ""),
		HTTPClient:   doer{s.RoundTripper()},
		BaseEndpoint: aws.String(endpoint),
	}
}

func adminConfig(s *sim.Sim) aws.Config {
	c := s.AdminCredentials()
	return config(s, c.AccessKeyID, c.SecretAccessKey)
}

func adminKMS(s *sim.Sim) *kms.Client { return kms.NewFromConfig(adminConfig(s)) }

func apiError(t testing.TB, err error) (string, string) {
	t.Helper()
	if err == nil {
		return "", ""
	}
	var api smithy.APIError
	if !errors.As(err, &api) {
		t.Fatalf("err = %v, want an AWS API error", err)
	}
	return api.ErrorCode(), api.ErrorMessage()
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// student creates an IAM user with an access key and, if policy is not empty, that
// inline policy, and returns a KMS client signing as the user.
func student(t *testing.T, s *sim.Sim, policy string) *kms.Client {
	t.Helper()
	ctx := context.Background()
	c := iam.NewFromConfig(adminConfig(s))
	must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("student")}))
	if policy != "" {
		must(c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("student"), PolicyName: aws.String("p"), PolicyDocument: aws.String(policy)}))
	}
	key := must(c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("student")})).AccessKey
	return kms.NewFromConfig(config(s, aws.ToString(key.AccessKeyId), aws.ToString(key.SecretAccessKey)))
}

var keyIDPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestKeyLifecycle(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := adminKMS(s)
	md := must(c.CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String("lab trail logs"), Tags: []types.Tag{{TagKey: aws.String("lab"), TagValue: aws.String("c8")}}})).KeyMetadata
	id := aws.ToString(md.KeyId)
	arn := "arn:aws:kms:ap-northeast-2:123456789012:key/" + id
	if !keyIDPattern.MatchString(id) || aws.ToString(md.Arn) != arn || aws.ToString(md.AWSAccountId) != "123456789012" ||
		!md.Enabled || md.KeyState != types.KeyStateEnabled || md.KeyUsage != types.KeyUsageTypeEncryptDecrypt ||
		md.KeySpec != types.KeySpecSymmetricDefault || md.Origin != types.OriginTypeAwsKms || md.KeyManager != types.KeyManagerTypeCustomer ||
		aws.ToString(md.Description) != "lab trail logs" || !md.CreationDate.Equal(day) ||
		len(md.EncryptionAlgorithms) != 1 || md.EncryptionAlgorithms[0] != types.EncryptionAlgorithmSpecSymmetricDefault {
		t.Fatalf("CreateKey metadata = %+v", md)
	}

	// Disable / enable.
	must(c.DisableKey(ctx, &kms.DisableKeyInput{KeyId: aws.String(id)}))
	md = must(c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(arn)})).KeyMetadata
	if md.Enabled || md.KeyState != types.KeyStateDisabled {
		t.Fatalf("after DisableKey: %+v", md)
	}
	must(c.EnableKey(ctx, &kms.EnableKeyInput{KeyId: aws.String(arn)}))
	if md = must(c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})).KeyMetadata; !md.Enabled {
		t.Fatalf("after EnableKey: %+v", md)
	}
	must(c.UpdateKeyDescription(ctx, &kms.UpdateKeyDescriptionInput{KeyId: aws.String(id), Description: aws.String("renamed")}))
	if md = must(c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})).KeyMetadata; aws.ToString(md.Description) != "renamed" {
		t.Fatalf("after UpdateKeyDescription: %+v", md)
	}

	// Scheduled deletion: 7–30 days, cancellable, the key disabled after cancelling.
	for _, tc := range []struct {
		days int32
		msg  string
	}{
		{6, "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7"},
		{31, "1 validation error detected: Value '31' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to 30"},
	} {
		_, err := c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(id), PendingWindowInDays: aws.Int32(tc.days)})
		if code, msg := apiError(t, err); code != "ValidationException" || msg != tc.msg {
			t.Errorf("ScheduleKeyDeletion(%d): %s %q", tc.days, code, msg)
		}
	}
	sched := must(c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(id), PendingWindowInDays: aws.Int32(7)}))
	if aws.ToString(sched.KeyId) != arn || sched.KeyState != types.KeyStatePendingDeletion || aws.ToInt32(sched.PendingWindowInDays) != 7 ||
		!sched.DeletionDate.Equal(day.Add(7*24*time.Hour)) {
		t.Fatalf("ScheduleKeyDeletion = %+v", sched)
	}
	md = must(c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})).KeyMetadata
	if md.Enabled || md.KeyState != types.KeyStatePendingDeletion || aws.ToInt32(md.PendingDeletionWindowInDays) != 7 || md.DeletionDate == nil {
		t.Fatalf("pending deletion: %+v", md)
	}
	for name, err := range map[string]error{
		"EnableKey":           second(c.EnableKey(ctx, &kms.EnableKeyInput{KeyId: aws.String(id)})),
		"ScheduleKeyDeletion": second(c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(id)})),
		"TagResource":         second(c.TagResource(ctx, &kms.TagResourceInput{KeyId: aws.String(id), Tags: []types.Tag{{TagKey: aws.String("k"), TagValue: aws.String("v")}}})),
	} {
		if code, msg := apiError(t, err); code != "KMSInvalidStateException" || msg != arn+" is pending deletion." {
			t.Errorf("%s on a key pending deletion: %s %q", name, code, msg)
		}
	}
	if got := aws.ToString(must(c.CancelKeyDeletion(ctx, &kms.CancelKeyDeletionInput{KeyId: aws.String(id)})).KeyId); got != arn {
		t.Fatalf("CancelKeyDeletion KeyId = %s", got)
	}
	if md = must(c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})).KeyMetadata; md.KeyState != types.KeyStateDisabled || md.DeletionDate != nil {
		t.Fatalf("after CancelKeyDeletion: %+v", md)
	}
	_, err := c.CancelKeyDeletion(ctx, &kms.CancelKeyDeletionInput{KeyId: aws.String(id)})
	if code, _ := apiError(t, err); code != "KMSInvalidStateException" {
		t.Fatalf("CancelKeyDeletion twice: %s", code)
	}

	// When the deletion date passes the key and its aliases are gone.
	must(c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/doomed"), TargetKeyId: aws.String(id)}))
	must(c.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(id), PendingWindowInDays: aws.Int32(7)}))
	if _, _, err := s.Advance(ctx, 7*24*time.Hour+time.Minute); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
	if code, msg := apiError(t, err); code != "NotFoundException" || msg != "Key '"+arn+"' does not exist" {
		t.Fatalf("deleted key: %s %q", code, msg)
	}
	if n := len(must(c.ListAliases(ctx, &kms.ListAliasesInput{})).Aliases); n != 0 {
		t.Fatalf("aliases of a deleted key: %d", n)
	}
}

func second[T any](_ T, err error) error { return err }

func TestListKeysPaging(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := adminKMS(s)
	var want []string
	for range 3 {
		want = append(want, aws.ToString(must(c.CreateKey(ctx, &kms.CreateKeyInput{})).KeyMetadata.KeyId))
	}
	var got []string
	var marker *string
	for pages := 1; ; pages++ {
		out := must(c.ListKeys(ctx, &kms.ListKeysInput{Limit: aws.Int32(2), Marker: marker}))
		for _, k := range out.Keys {
			got = append(got, aws.ToString(k.KeyId))
			if !strings.HasSuffix(aws.ToString(k.KeyArn), ":key/"+aws.ToString(k.KeyId)) {
				t.Errorf("KeyArn %s", aws.ToString(k.KeyArn))
			}
		}
		if !out.Truncated {
			if pages != 2 {
				t.Fatalf("%d pages", pages)
			}
			break
		}
		marker = out.NextMarker
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("ListKeys = %v, want %v", got, want)
	}
	_, err := c.ListKeys(ctx, &kms.ListKeysInput{Limit: aws.Int32(1001)})
	if code, _ := apiError(t, err); code != "ValidationException" {
		t.Fatalf("Limit 1001: %s", code)
	}
	_, err = c.ListKeys(ctx, &kms.ListKeysInput{Marker: aws.String("%%")})
	if code, _ := apiError(t, err); code != "InvalidMarkerException" {
		t.Fatalf("bad marker: %s", code)
	}
	// Keys are regional: another Region lists none and does not find them.
	east := kms.NewFromConfig(adminConfig(s), func(o *kms.Options) { o.Region = "us-east-1" })
	if n := len(must(east.ListKeys(ctx, &kms.ListKeysInput{})).Keys); n != 0 {
		t.Fatalf("us-east-1 lists %d keys", n)
	}
	_, err = east.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(want[0])})
	if code, msg := apiError(t, err); code != "NotFoundException" || msg != "Key 'arn:aws:kms:us-east-1:123456789012:key/"+want[0]+"' does not exist" {
		t.Fatalf("another Region's key: %s %q", code, msg)
	}
}

func TestCreateKeyValidation(t *testing.T) {
	ctx := context.Background()
	c := adminKMS(newSim(t))
	cases := []struct {
		in        *kms.CreateKeyInput
		code, msg string
	}{
		{&kms.CreateKeyInput{KeyUsage: "DECRYPT_ONLY"}, "ValidationException", "1 validation error detected: Value 'DECRYPT_ONLY' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [SIGN_VERIFY, ENCRYPT_DECRYPT, GENERATE_VERIFY_MAC, KEY_AGREEMENT, ENCAPSULATE_DECAPSULATE]"},
		{&kms.CreateKeyInput{Description: aws.String(strings.Repeat("d", 8193))}, "ValidationException", "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192"},
		{&kms.CreateKeyInput{KeySpec: types.KeySpecRsa2048, KeyUsage: types.KeyUsageTypeSignVerify}, "UnsupportedOperationException", ""},
		{&kms.CreateKeyInput{Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}`)}, "MalformedPolicyDocumentException", "Missing required field Principal"},
		{&kms.CreateKeyInput{Policy: aws.String(`not json`)}, "MalformedPolicyDocumentException", ""},
		{&kms.CreateKeyInput{Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"not-a-principal"},"Action":"kms:*","Resource":"*"}]}`)}, "MalformedPolicyDocumentException", "Policy contains a statement with one or more invalid principals."},
		{&kms.CreateKeyInput{Tags: []types.Tag{{TagKey: aws.String("aws:reserved"), TagValue: aws.String("v")}}}, "TagException", ""},
	}
	for i, tc := range cases {
		_, err := c.CreateKey(ctx, tc.in)
		code, msg := apiError(t, err)
		if code != tc.code || (tc.msg != "" && msg != tc.msg) {
			t.Errorf("case %d: %s %q, want %s %q", i, code, msg, tc.code, tc.msg)
		}
	}
	if n := len(must(c.ListKeys(ctx, &kms.ListKeysInput{})).Keys); n != 0 {
		t.Fatalf("refused keys were created: %d", n)
	}
}

func TestDescribeKeyIdentifiers(t *testing.T) {
	ctx := context.Background()
	c := adminKMS(newSim(t))
	id := aws.ToString(must(c.CreateKey(ctx, &kms.CreateKeyInput{})).KeyMetadata.KeyId)
	must(c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/lab-trail"), TargetKeyId: aws.String(id)}))
	for _, ref := range []string{id, "arn:aws:kms:ap-northeast-2:123456789012:key/" + id, "alias/lab-trail", "arn:aws:kms:ap-northeast-2:123456789012:alias/lab-trail"} {
		md, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(ref)})
		if err != nil || aws.ToString(md.KeyMetadata.KeyId) != id {
			t.Errorf("DescribeKey(%s) = %v", ref, err)
		}
	}
	const missing = "0b4c7a8e-1111-4222-8333-444455556666"
	for _, tc := range []struct{ ref, code, msg string }{
		{"foo", "NotFoundException", "Invalid keyId foo"},
		{missing, "NotFoundException", "Key 'arn:aws:kms:ap-northeast-2:123456789012:key/" + missing + "' does not exist"},
		{"alias/nope", "NotFoundException", "Alias arn:aws:kms:ap-northeast-2:123456789012:alias/nope is not found."},
		{"arn:aws:kms:ap-northeast-2:123456789012:thing/x", "InvalidArnException", ""},
		{"arn:aws:s3:::bucket", "InvalidArnException", ""},
		{"", "ValidationException", ""},
	} {
		_, err := c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(tc.ref)})
		if code, msg := apiError(t, err); code != tc.code || (tc.msg != "" && msg != tc.msg) {
			t.Errorf("DescribeKey(%q): %s %q, want %s %q", tc.ref, code, msg, tc.code, tc.msg)
		}
	}
	// Operations that take a key ID or key ARN refuse aliases.
	_, err := c.DisableKey(ctx, &kms.DisableKeyInput{KeyId: aws.String("alias/lab-trail")})
	if code, msg := apiError(t, err); code != "NotFoundException" || msg != "Invalid keyId alias/lab-trail" {
		t.Fatalf("DisableKey by alias: %s %q", code, msg)
	}
}

func TestAliases(t *testing.T) {
	ctx := context.Background()
	c := adminKMS(newSim(t))
	k1 := aws.ToString(must(c.CreateKey(ctx, &kms.CreateKeyInput{})).KeyMetadata.KeyId)
	k2 := aws.ToString(must(c.CreateKey(ctx, &kms.CreateKeyInput{})).KeyMetadata.KeyId)
	for _, n := range []string{"alias/zeta", "alias/alpha", "alias/mid"} {
		must(c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(n), TargetKeyId: aws.String(k1)}))
	}
	must(c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/other"), TargetKeyId: aws.String("arn:aws:kms:ap-northeast-2:123456789012:key/" + k2)}))
	for _, tc := range []struct{ name, target, code, msg string }{
		{"alias/alpha", k2, "AlreadyExistsException", "An alias with the name arn:aws:kms:ap-northeast-2:123456789012:alias/alpha already exists"},
		{"alias/aws/s3", k1, "NotAuthorizedException", ""},
		{"lab-trail", k1, "ValidationException", ""},
		{"alias/has space", k1, "ValidationException", "1 validation error detected: Value 'alias/has space' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$"},
		{"alias/" + strings.Repeat("a", 251), k1, "ValidationException", "1 validation error detected: Value at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256"},
		{"alias/to-alias", "alias/alpha", "ValidationException", ""},
		{"alias/to-nothing", "0b4c7a8e-1111-4222-8333-444455556666", "NotFoundException", ""},
	} {
		_, err := c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String(tc.name), TargetKeyId: aws.String(tc.target)})
		if code, msg := apiError(t, err); code != tc.code || (tc.msg != "" && msg != tc.msg) {
			t.Errorf("CreateAlias(%.30s → %s): %s %q, want %s %q", tc.name, tc.target, code, msg, tc.code, tc.msg)
		}
	}

	var names []string
	var marker *string
	for {
		out := must(c.ListAliases(ctx, &kms.ListAliasesInput{Limit: aws.Int32(3), Marker: marker}))
		for _, a := range out.Aliases {
			names = append(names, aws.ToString(a.AliasName))
			if aws.ToString(a.AliasArn) != "arn:aws:kms:ap-northeast-2:123456789012:"+aws.ToString(a.AliasName) || a.CreationDate == nil {
				t.Errorf("alias entry %+v", a)
			}
		}
		if !out.Truncated {
			break
		}
		marker = out.NextMarker
	}
	if got := strings.Join(names, ","); got != "alias/alpha,alias/mid,alias/other,alias/zeta" {
		t.Fatalf("ListAliases = %s", got)
	}
	only := must(c.ListAliases(ctx, &kms.ListAliasesInput{KeyId: aws.String(k2)})).Aliases
	if len(only) != 1 || aws.ToString(only[0].AliasName) != "alias/other" || aws.ToString(only[0].TargetKeyId) != k2 {
		t.Fatalf("ListAliases(KeyId) = %+v", only)
	}

	must(c.UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String("alias/other"), TargetKeyId: aws.String(k1)}))
	if md := must(c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/other")})).KeyMetadata; aws.ToString(md.KeyId) != k1 {
		t.Fatalf("after UpdateAlias alias/other names %s", aws.ToString(md.KeyId))
	}
	must(c.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String("alias/other")}))
	_, err := c.DeleteAlias(ctx, &kms.DeleteAliasInput{AliasName: aws.String("alias/other")})
	if code, msg := apiError(t, err); code != "NotFoundException" || msg != "Alias arn:aws:kms:ap-northeast-2:123456789012:alias/other is not found." {
		t.Fatalf("DeleteAlias twice: %s %q", code, msg)
	}
}

func TestKeyPolicies(t *testing.T) {
	ctx := context.Background()
	c := adminKMS(newSim(t))
	id := aws.ToString(must(c.CreateKey(ctx, &kms.CreateKeyInput{})).KeyMetadata.KeyId)
	got := must(c.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(id)}))
	if aws.ToString(got.Policy) != simkms.DefaultKeyPolicy("123456789012") || aws.ToString(got.PolicyName) != "default" {
		t.Fatalf("default key policy = %+v", got)
	}
	if names := must(c.ListKeyPolicies(ctx, &kms.ListKeyPoliciesInput{KeyId: aws.String(id)})).PolicyNames; len(names) != 1 || names[0] != "default" {
		t.Fatalf("ListKeyPolicies = %v", names)
	}
	_, err := c.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(id), PolicyName: aws.String("other")})
	if code, _ := apiError(t, err); code != "NotFoundException" {
		t.Fatalf("GetKeyPolicy(other): %s", code)
	}
	const withTrail = `{"Version":"2012-10-17","Statement":[
 {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},
 {"Sid":"Allow CloudTrail to encrypt logs","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*"}]}`
	must(c.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(id), Policy: aws.String(withTrail)}))
	if p := aws.ToString(must(c.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(id), PolicyName: aws.String("default")})).Policy); p != withTrail {
		t.Fatalf("policy after PutKeyPolicy = %s", p)
	}
	_, err = c.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(id), Policy: aws.String(`{"Statement":[]}`)})
	if code, _ := apiError(t, err); code != "MalformedPolicyDocumentException" {
		t.Fatalf("PutKeyPolicy with an empty statement: %s", code)
	}
	_, err = c.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(id), Policy: aws.String(strings.Repeat(" ", 131073))})
	if code, msg := apiError(t, err); code != "ValidationException" || msg != "1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 131072" {
		t.Fatalf("PutKeyPolicy with an oversized policy: %s %q", code, msg)
	}
}

// TestKeyPolicyAuthorization: key policies are resource policies. The default one
// delegates to IAM; one that names a user grants on its own; the lockout safety
// check refuses a policy that would lock the caller out.
func TestKeyPolicyAuthorization(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	admin := adminKMS(s)
	id := aws.ToString(must(admin.CreateKey(ctx, &kms.CreateKeyInput{})).KeyMetadata.KeyId)
	arn := "arn:aws:kms:ap-northeast-2:123456789012:key/" + id
	stu := student(t, s, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:CreateKey","kms:ListKeys"],"Resource":"*"}]}`)

	_, err := stu.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
	want := "User: arn:aws:iam::123456789012:user/student is not authorized to perform: kms:DescribeKey on resource: " + arn + " because no identity-based policy allows the kms:DescribeKey action"
	if code, msg := apiError(t, err); code != "AccessDeniedException" || msg != want {
		t.Fatalf("DescribeKey as student: %s %q", code, msg)
	}
	if _, err := stu.ListKeys(ctx, &kms.ListKeysInput{}); err != nil {
		t.Fatalf("ListKeys with IAM permission: %v", err)
	}
	_, err = stu.ListAliases(ctx, &kms.ListAliasesInput{})
	if code, _ := apiError(t, err); code != "AccessDeniedException" {
		t.Fatalf("ListAliases without permission: %s", code)
	}

	// A key policy that names the student grants without any IAM policy.
	grant := `{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},
 {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/student"},"Action":"kms:DescribeKey","Resource":"*"}]}`
	must(admin.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(id), Policy: aws.String(grant)}))
	if _, err := stu.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)}); err != nil {
		t.Fatalf("DescribeKey granted by the key policy: %v", err)
	}

	// The lockout safety check: the student may create keys but not change key
	// policies, so a policy that does not let it would lock it out.
	const rootOnly = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}`
	_, err = stu.CreateKey(ctx, &kms.CreateKeyInput{Policy: aws.String(rootOnly)})
	if code, msg := apiError(t, err); code != "MalformedPolicyDocumentException" || msg != "The new key policy will not allow you to update the key policy in the future." {
		t.Fatalf("CreateKey locking the caller out: %s %q", code, msg)
	}
	if _, err := stu.CreateKey(ctx, &kms.CreateKeyInput{Policy: aws.String(rootOnly), BypassPolicyLockoutSafetyCheck: true}); err != nil {
		t.Fatalf("CreateKey bypassing the check: %v", err)
	}
	// An explicit deny in the key policy wins over the administrator's IAM policy.
	deny := `{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},
 {"Effect":"Deny","Principal":{"AWS":"*"},"Action":"kms:DisableKey","Resource":"*"}]}`
	must(admin.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(id), Policy: aws.String(deny)}))
	_, err = admin.DisableKey(ctx, &kms.DisableKeyInput{KeyId: aws.String(id)})
	if code, msg := apiError(t, err); code != "AccessDeniedException" || !strings.Contains(msg, "explicit deny in a resource-based policy") {
		t.Fatalf("DisableKey denied by the key policy: %s %q", code, msg)
	}

	// A key policy that does not grant to the account leaves the account's IAM
	// policies out: the administrator (AdministratorAccess) may not even describe it.
	const trailOnly = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*"}]}`
	closed := aws.ToString(must(admin.CreateKey(ctx, &kms.CreateKeyInput{Policy: aws.String(trailOnly), BypassPolicyLockoutSafetyCheck: true})).KeyMetadata.KeyId)
	_, err = admin.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(closed)})
	if code, msg := apiError(t, err); code != "AccessDeniedException" || !strings.Contains(msg, "resource-based policy") {
		t.Fatalf("DescribeKey of a key that does not delegate to the account: %s %q", code, msg)
	}
}

func TestTags(t *testing.T) {
	ctx := context.Background()
	c := adminKMS(newSim(t))
	id := aws.ToString(must(c.CreateKey(ctx, &kms.CreateKeyInput{Tags: []types.Tag{{TagKey: aws.String("b"), TagValue: aws.String("1")}}})).KeyMetadata.KeyId)
	must(c.TagResource(ctx, &kms.TagResourceInput{KeyId: aws.String(id), Tags: []types.Tag{
		{TagKey: aws.String("a"), TagValue: aws.String("2")}, {TagKey: aws.String("b"), TagValue: aws.String("3")}, {TagKey: aws.String("c"), TagValue: aws.String("")}}}))
	page := must(c.ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: aws.String(id), Limit: aws.Int32(2)}))
	if len(page.Tags) != 2 || !page.Truncated || aws.ToString(page.Tags[0].TagKey) != "a" || aws.ToString(page.Tags[1].TagValue) != "3" {
		t.Fatalf("ListResourceTags page 1 = %+v", page)
	}
	page = must(c.ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: aws.String(id), Marker: page.NextMarker}))
	if len(page.Tags) != 1 || page.Truncated || aws.ToString(page.Tags[0].TagKey) != "c" {
		t.Fatalf("ListResourceTags page 2 = %+v", page)
	}
	must(c.UntagResource(ctx, &kms.UntagResourceInput{KeyId: aws.String(id), TagKeys: []string{"a", "absent"}}))
	if n := len(must(c.ListResourceTags(ctx, &kms.ListResourceTagsInput{KeyId: aws.String(id)})).Tags); n != 2 {
		t.Fatalf("tags after UntagResource = %d", n)
	}
	_, err := c.TagResource(ctx, &kms.TagResourceInput{KeyId: aws.String(id), Tags: []types.Tag{{TagKey: aws.String("aws:x"), TagValue: aws.String("v")}}})
	if code, _ := apiError(t, err); code != "TagException" {
		t.Fatalf("aws: tag: %s", code)
	}
}

// TestInProcessAPI is what the simulator's CloudTrail asks of a trail's KMS key.
func TestInProcessAPI(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := adminKMS(s)
	id := aws.ToString(must(c.CreateKey(ctx, &kms.CreateKeyInput{})).KeyMetadata.KeyId)
	arn := "arn:aws:kms:ap-northeast-2:123456789012:key/" + id
	must(c.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/trail"), TargetKeyId: aws.String(id)}))
	k := s.KMS()
	for _, ref := range []string{id, arn, "alias/trail", "arn:aws:kms:ap-northeast-2:123456789012:alias/trail"} {
		got, enabled, err := k.ResolveKey(ctx, "ap-northeast-2", ref)
		if err != nil || got != arn || !enabled {
			t.Errorf("ResolveKey(%s) = %s %v %v", ref, got, enabled, err)
		}
	}
	if got, _, err := k.ResolveKey(ctx, "", "alias/trail"); err != nil || got != arn {
		t.Errorf("ResolveKey in the home Region = %s %v", got, err)
	}
	must(c.DisableKey(ctx, &kms.DisableKeyInput{KeyId: aws.String(id)}))
	if _, enabled, err := k.ResolveKey(ctx, "ap-northeast-2", "alias/trail"); err != nil || enabled {
		t.Errorf("ResolveKey of a disabled key: enabled %v, %v", enabled, err)
	}
	if st, err := k.KeyState(ctx, "", id); err != nil || st != simkms.StateDisabled {
		t.Errorf("KeyState = %s %v", st, err)
	}
	for _, ref := range []string{"alias/nope", "0b4c7a8e-1111-4222-8333-444455556666"} {
		if _, _, err := k.ResolveKey(ctx, "ap-northeast-2", ref); !errors.Is(err, simkms.ErrKeyNotFound) {
			t.Errorf("ResolveKey(%s) err = %v, want ErrKeyNotFound", ref, err)
		}
	}
	if _, _, err := k.ResolveKey(ctx, "us-east-1", arn); !errors.Is(err, simkms.ErrKeyNotFound) {
		t.Errorf("ResolveKey in another Region err = %v", err)
	}
	if _, _, err := k.ResolveKey(ctx, "ap-northeast-2", "garbage"); err == nil || errors.Is(err, simkms.ErrKeyNotFound) {
		t.Errorf("ResolveKey(garbage) err = %v, want an invalid-identifier error", err)
	}

	// The default policy does not let CloudTrail encrypt; a statement for it does.
	if ok, err := k.ServiceAllowed(ctx, "", id, "cloudtrail.amazonaws.com", "kms:GenerateDataKey", nil); err != nil || ok {
		t.Fatalf("ServiceAllowed with the default policy = %v %v", ok, err)
	}
	trailPolicy := `{"Version":"2012-10-17","Statement":[
 {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},
 {"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*","Resource":"*",
  "Condition":{"StringLike":{"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:123456789012:trail/*"}}}]}`
	must(c.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(id), Policy: aws.String(trailPolicy)}))
	ctxKeys := map[string][]string{"kms:EncryptionContext:aws:cloudtrail:arn": {"arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/mylog"}}
	if ok, err := k.ServiceAllowed(ctx, "", "alias/trail", "cloudtrail.amazonaws.com", "kms:GenerateDataKey", ctxKeys); err != nil || !ok {
		t.Fatalf("ServiceAllowed with CloudTrail's statement = %v %v", ok, err)
	}
	if ok, _ := k.ServiceAllowed(ctx, "", id, "cloudtrail.amazonaws.com", "kms:Decrypt", ctxKeys); ok {
		t.Fatal("ServiceAllowed allows an action the policy does not name")
	}
	if ok, _ := k.ServiceAllowed(ctx, "", id, "cloudtrail.amazonaws.com", "kms:GenerateDataKey", nil); ok {
		t.Fatal("ServiceAllowed ignores the policy's condition")
	}
}

// TestKMSCallsRecorded: KMS calls are management events from kms.amazonaws.com,
// with the key as the event's resource.
func TestKMSCallsRecorded(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := adminKMS(s)
	arn := aws.ToString(must(c.CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String("recorded")})).KeyMetadata.Arn)
	_, _ = c.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/missing")})
	ct := cloudtrail.NewFromConfig(adminConfig(s))
	out := must(ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{LookupAttributes: []cttypes.LookupAttribute{
		{AttributeKey: cttypes.LookupAttributeKeyEventSource, AttributeValue: aws.String("kms.amazonaws.com")}}}))
	names := map[string]cttypes.Event{}
	for _, ev := range out.Events {
		names[aws.ToString(ev.EventName)] = ev
	}
	create, ok := names["CreateKey"]
	if !ok || len(create.Resources) == 0 || aws.ToString(create.Resources[0].ResourceType) != "AWS::KMS::Key" || aws.ToString(create.Resources[0].ResourceName) != arn ||
		aws.ToString(create.ReadOnly) != "false" || !strings.Contains(aws.ToString(create.CloudTrailEvent), `"description":"recorded"`) {
		t.Fatalf("CreateKey event = %+v", create)
	}
	describe, ok := names["DescribeKey"]
	if !ok || aws.ToString(describe.ReadOnly) != "true" || !strings.Contains(aws.ToString(describe.CloudTrailEvent), `"errorCode":"NotFoundException"`) {
		t.Fatalf("failed DescribeKey event = %+v", describe)
	}
}

// cloudTrailKeyPolicy is the key policy the CloudTrail console writes for a trail's
// new KMS key (account 123456789012, trail mylog in ap-northeast-2).
const cloudTrailKeyPolicy = `{
  "Version": "2012-10-17",
  "Id": "Key policy created by CloudTrail",
  "Statement": [
    {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:root"]}, "Action": "kms:*", "Resource": "*"},
    {"Sid": "Allow CloudTrail to encrypt logs", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "kms:GenerateDataKey*", "Resource": "*",
     "Condition": {"StringEquals": {"AWS:SourceArn": "arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/mylog"},
                   "StringLike": {"kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:123456789012:trail/*"}}},
    {"Sid": "Allow CloudTrail to describe key", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "kms:DescribeKey", "Resource": "*"},
    {"Sid": "Allow principals in the account to decrypt log files", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:ReEncryptFrom"], "Resource": "*",
     "Condition": {"StringEquals": {"kms:CallerAccount": "123456789012"}, "StringLike": {"kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:123456789012:trail/*"}}},
    {"Sid": "Allow principals in the account to describe the key", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:DescribeKey", "Resource": "*",
     "Condition": {"StringEquals": {"kms:CallerAccount": "123456789012"}}}
  ]
}`

// TestCloudTrailConsoleKeyPolicy: the policy the CloudTrail console writes is
// accepted, lets CloudTrail encrypt for the trail it names (aws:SourceArn) and no
// other, and opens DescribeKey to every principal of the account through
// kms:CallerAccount — a user without any IAM policy included.
func TestCloudTrailConsoleKeyPolicy(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := adminKMS(s)
	id := aws.ToString(must(c.CreateKey(ctx, &kms.CreateKeyInput{Policy: aws.String(cloudTrailKeyPolicy), Description: aws.String("mylog")})).KeyMetadata.KeyId)
	trailCtx := func(trail string) map[string][]string {
		return map[string][]string{"aws:SourceArn": {trail}, "kms:EncryptionContext:aws:cloudtrail:arn": {trail}}
	}
	k := s.KMS()
	if ok, err := k.ServiceAllowed(ctx, "", id, "cloudtrail.amazonaws.com", "kms:GenerateDataKey", trailCtx("arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/mylog")); err != nil || !ok {
		t.Fatalf("CloudTrail for mylog: %v %v", ok, err)
	}
	if ok, _ := k.ServiceAllowed(ctx, "", id, "cloudtrail.amazonaws.com", "kms:GenerateDataKey", trailCtx("arn:aws:cloudtrail:ap-northeast-2:123456789012:trail/other")); ok {
		t.Fatal("CloudTrail may encrypt for a trail the policy does not name")
	}
	if ok, _ := k.ServiceAllowed(ctx, "", id, "cloudtrail.amazonaws.com", "kms:DescribeKey", nil); !ok {
		t.Fatal("CloudTrail may not describe the key")
	}
	stu := student(t, s, "")
	if _, err := stu.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)}); err != nil {
		t.Fatalf("DescribeKey through kms:CallerAccount: %v", err)
	}
	_, err := stu.DisableKey(ctx, &kms.DisableKeyInput{KeyId: aws.String(id)})
	if code, _ := apiError(t, err); code != "AccessDeniedException" {
		t.Fatalf("DisableKey as a user without permissions: %s", code)
	}
}
