package iam_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudtrail"
	cttypes "github.com/aws/aws-sdk-go-v2/service/cloudtrail/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	simiam "github.com/labconsole/labconsole/backend/sim/iam"
)

const cloudTrailTrust = `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "sts:AssumeRole"}]
}`

// cloudTrailLogsPolicy is the inline policy the console's Create trail wizard gives
// the role it creates for CloudWatch Logs delivery.
const cloudTrailLogsPolicy = `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
    "Resource": "arn:aws:logs:ap-northeast-2:123456789012:log-group:aws-cloudtrail-logs-123456789012-mylog:log-stream:*"}]
}`

func createRole(t *testing.T, c *iam.Client, name, trust string) *types.Role {
	t.Helper()
	out, err := c.CreateRole(context.Background(), &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trust)})
	if err != nil {
		t.Fatalf("CreateRole %s: %v", name, err)
	}
	return out.Role
}

func TestRoleLifecycle(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := adminIAM(s)
	out, err := c.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), Path: aws.String("/service-role/"),
		AssumeRolePolicyDocument: aws.String(cloudTrailTrust), Description: aws.String("delivers lab trail events"),
		MaxSessionDuration: aws.Int32(7200), Tags: []types.Tag{{Key: aws.String("lab"), Value: aws.String("c8")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	r := out.Role
	if aws.ToString(r.Arn) != "arn:aws:iam::123456789012:role/service-role/CloudTrailRoleForCloudWatchLogs_mylog" ||
		!strings.HasPrefix(aws.ToString(r.RoleId), "AROA") || len(aws.ToString(r.RoleId)) != 21 ||
		aws.ToInt32(r.MaxSessionDuration) != 7200 || aws.ToString(r.Description) != "delivers lab trail events" || len(r.Tags) != 1 {
		t.Fatalf("created role = %+v", r)
	}
	if doc, _ := url.QueryUnescape(aws.ToString(r.AssumeRolePolicyDocument)); doc != cloudTrailTrust {
		t.Fatalf("trust policy = %q", doc)
	}

	_, err = c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("cloudtrailroleforcloudwatchlogs_MYLOG"), AssumeRolePolicyDocument: aws.String(cloudTrailTrust)})
	if code, msg := apiError(t, err); code != "EntityAlreadyExists" || msg != "Role with name cloudtrailroleforcloudwatchlogs_MYLOG already exists." {
		t.Fatalf("duplicate role: %s %q", code, msg)
	}

	got := must(c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog")})).Role
	if aws.ToString(got.RoleId) != aws.ToString(r.RoleId) || len(got.Tags) != 1 || aws.ToString(got.Tags[0].Value) != "c8" {
		t.Fatalf("GetRole = %+v", got)
	}
	_, err = c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("nope")})
	if code, msg := apiError(t, err); code != "NoSuchEntity" || msg != "The role with name nope cannot be found." {
		t.Fatalf("GetRole missing: %s %q", code, msg)
	}

	// Inline and attached policies block deletion until removed.
	must(c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), PolicyName: aws.String("logs"), PolicyDocument: aws.String(cloudTrailLogsPolicy)}))
	pol := must(c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), PolicyName: aws.String("logs")}))
	if doc, _ := url.QueryUnescape(aws.ToString(pol.PolicyDocument)); doc != cloudTrailLogsPolicy || aws.ToString(pol.RoleName) != "CloudTrailRoleForCloudWatchLogs_mylog" {
		t.Fatalf("GetRolePolicy = %+v", pol)
	}
	if names := must(c.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog")})).PolicyNames; len(names) != 1 || names[0] != "logs" {
		t.Fatalf("ListRolePolicies = %v", names)
	}
	const readOnly = "arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess"
	must(c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), PolicyArn: aws.String(readOnly)}))
	attached := must(c.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog")})).AttachedPolicies
	if len(attached) != 1 || aws.ToString(attached[0].PolicyArn) != readOnly || aws.ToString(attached[0].PolicyName) != "AWSCloudTrail_ReadOnlyAccess" {
		t.Fatalf("ListAttachedRolePolicies = %+v", attached)
	}
	if n := aws.ToInt32(must(c.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(readOnly)})).Policy.AttachmentCount); n != 1 {
		t.Fatalf("AttachmentCount = %d, want the role's attachment counted", n)
	}
	_, err = c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), PolicyArn: aws.String("arn:aws:iam::aws:policy/NoSuchPolicyAtAll")})
	if code, _ := apiError(t, err); code != "NoSuchEntity" {
		t.Fatalf("attach unknown policy: %s", code)
	}

	_, err = c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog")})
	if code, msg := apiError(t, err); code != "DeleteConflict" || msg != "Cannot delete entity, must detach all policies first." {
		t.Fatalf("delete with attached policy: %s %q", code, msg)
	}
	must(c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), PolicyArn: aws.String(readOnly)}))
	_, err = c.DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), PolicyArn: aws.String(readOnly)})
	if code, _ := apiError(t, err); code != "NoSuchEntity" {
		t.Fatalf("detach twice: %s", code)
	}
	_, err = c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog")})
	if code, msg := apiError(t, err); code != "DeleteConflict" || msg != "Cannot delete entity, must delete policies first." {
		t.Fatalf("delete with inline policy: %s %q", code, msg)
	}
	must(c.DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), PolicyName: aws.String("logs")}))
	_, err = c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), PolicyName: aws.String("logs")})
	if code, msg := apiError(t, err); code != "NoSuchEntity" || msg != "The role policy with name logs cannot be found." {
		t.Fatalf("deleted inline policy: %s %q", code, msg)
	}

	// Tags.
	must(c.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), Tags: []types.Tag{
		{Key: aws.String("team"), Value: aws.String("a")}, {Key: aws.String("LAB"), Value: aws.String("c9")}}}))
	tags := must(c.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), MaxItems: aws.Int32(1)}))
	if len(tags.Tags) != 1 || !tags.IsTruncated || aws.ToString(tags.Tags[0].Key) != "lab" || aws.ToString(tags.Tags[0].Value) != "c9" {
		t.Fatalf("ListRoleTags page 1 = %+v", tags)
	}
	tags = must(c.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), Marker: tags.Marker}))
	if len(tags.Tags) != 1 || tags.IsTruncated || aws.ToString(tags.Tags[0].Key) != "team" {
		t.Fatalf("ListRoleTags page 2 = %+v", tags)
	}
	must(c.UntagRole(ctx, &iam.UntagRoleInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), TagKeys: []string{"team", "absent"}}))
	if n := len(must(c.ListRoleTags(ctx, &iam.ListRoleTagsInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog")})).Tags); n != 1 {
		t.Fatalf("tags after UntagRole = %d", n)
	}

	// UpdateAssumeRolePolicy replaces the trust policy, checked like CreateRole's.
	const ec2Trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	must(c.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), PolicyDocument: aws.String(ec2Trust)}))
	got = must(c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog")})).Role
	if doc, _ := url.QueryUnescape(aws.ToString(got.AssumeRolePolicyDocument)); doc != ec2Trust {
		t.Fatalf("trust after update = %q", doc)
	}
	_, err = c.UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog"), PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"s3:GetObject"}]}`)})
	if code, msg := apiError(t, err); code != "MalformedPolicyDocument" || msg != "AssumeRole policy may only specify STS AssumeRole actions." {
		t.Fatalf("update with a non-STS action: %s %q", code, msg)
	}

	must(c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog")}))
	_, err = c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("CloudTrailRoleForCloudWatchLogs_mylog")})
	if code, _ := apiError(t, err); code != "NoSuchEntity" {
		t.Fatalf("delete twice: %s", code)
	}
}

func TestCreateRoleValidation(t *testing.T) {
	ctx := context.Background()
	c := adminIAM(newSim(t))
	long := strings.Repeat("x", 65)
	cases := []struct {
		name, trust string
		duration    *int32
		code, msg   string
	}{
		{"bad name!", cloudTrailTrust, nil, "ValidationError", `1 validation error detected: Value 'bad name!' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`},
		{long, cloudTrailTrust, nil, "ValidationError", "1 validation error detected: Value '" + long + "' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64"},
		{"r", cloudTrailTrust, aws.Int32(3599), "ValidationError", "1 validation error detected: Value '3599' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600"},
		{"r", cloudTrailTrust, aws.Int32(43201), "ValidationError", "1 validation error detected: Value '43201' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200"},
		{"r", `{invalid`, nil, "MalformedPolicyDocument", "This policy contains invalid Json"},
		{"r", `{"Version":"2012-10-17","Statement":[]}`, nil, "MalformedPolicyDocument", "Could not parse the policy: Statement is empty!"},
		{"r", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}`, nil, "MalformedPolicyDocument", "Missing required field Principal"},
		{"r", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"*"}]}`, nil, "MalformedPolicyDocument", "AssumeRole policy may only specify STS AssumeRole actions."},
		{"r", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Resource":"*"}]}`, nil, "MalformedPolicyDocument", "Has prohibited field Resource"},
		{"r", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","NotResource":"*"}]}`, nil, "MalformedPolicyDocument", "AssumeRole policy must not contain resources."},
		{"r", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`, nil, "MalformedPolicyDocument", "Allow with NotPrincipal is not allowed."},
		{"r", `{"Version":"2012-10-17","Statement":[{"Sid":"` + strings.Repeat("x", 2000) + `","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}`, nil, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048"},
	}
	for _, tc := range cases {
		_, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(tc.name), AssumeRolePolicyDocument: aws.String(tc.trust), MaxSessionDuration: tc.duration})
		if code, msg := apiError(t, err); code != tc.code || msg != tc.msg {
			t.Errorf("CreateRole(%.20q, %.60q): %s %q, want %s %q", tc.name, tc.trust, code, msg, tc.code, tc.msg)
		}
	}
	if roles := must(c.ListRoles(ctx, &iam.ListRolesInput{})).Roles; len(roles) != 0 {
		t.Fatalf("refused roles were created: %+v", roles)
	}
}

func TestListRolesPagingAndPathPrefix(t *testing.T) {
	ctx := context.Background()
	c := adminIAM(newSim(t))
	for _, n := range []string{"zeta", "Alpha", "beta"} {
		createRole(t, c, n, cloudTrailTrust)
	}
	must(c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("svc"), Path: aws.String("/service-role/"), AssumeRolePolicyDocument: aws.String(cloudTrailTrust)}))
	var all []string
	var marker *string
	for pages := 0; ; pages++ {
		out := must(c.ListRoles(ctx, &iam.ListRolesInput{MaxItems: aws.Int32(3), Marker: marker}))
		all = append(all, names(out.Roles, func(r types.Role) *string { return r.RoleName }))
		if !out.IsTruncated {
			break
		}
		marker = out.Marker
	}
	if got := strings.Join(all, "|"); got != "Alpha,beta,svc|zeta" {
		t.Fatalf("pages = %s", got)
	}
	svc := must(c.ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String("/service-role/")})).Roles
	if names(svc, func(r types.Role) *string { return r.RoleName }) != "svc" || svc[0].AssumeRolePolicyDocument == nil {
		t.Fatalf("PathPrefix = %+v", svc)
	}
	if svc := must(c.ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String("/service")})).Roles; len(svc) != 1 {
		t.Fatalf("PathPrefix without a trailing slash = %+v", svc)
	}
	_, err := c.ListRoles(ctx, &iam.ListRolesInput{PathPrefix: aws.String("service-role/")})
	if code, _ := apiError(t, err); code != "ValidationError" {
		t.Fatalf("PathPrefix without a leading slash: %s", code)
	}
	_, err = c.ListRoles(ctx, &iam.ListRolesInput{Marker: aws.String("%%%")})
	if code, _ := apiError(t, err); code != "InvalidInput" {
		t.Fatalf("bad marker: %s", code)
	}
}

// TestRoleOperationsAuthorize: a user without IAM permissions is refused every role
// operation with IAM's AccessDenied naming the role's ARN.
func TestRoleOperationsAuthorize(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	admin := adminIAM(s)
	createRole(t, admin, "existing", cloudTrailTrust)
	must(admin.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("student")}))
	key := must(admin.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("student")})).AccessKey
	c := iam.NewFromConfig(config(s, aws.ToString(key.AccessKeyId), aws.ToString(key.SecretAccessKey), ""))
	_, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("mine"), AssumeRolePolicyDocument: aws.String(cloudTrailTrust)})
	want := "User: arn:aws:iam::123456789012:user/student is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::123456789012:role/mine because no identity-based policy allows the iam:CreateRole action"
	if code, msg := apiError(t, err); code != "AccessDenied" || msg != want {
		t.Fatalf("CreateRole as student: %s %q", code, msg)
	}
	for name, call := range map[string]func() error{
		"GetRole": func() error {
			_, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("existing")})
			return err
		},
		"ListRoles": func() error { _, err := c.ListRoles(ctx, &iam.ListRolesInput{}); return err },
		"DeleteRole": func() error {
			_, err := c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("existing")})
			return err
		},
		"PutRolePolicy": func() error {
			_, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("existing"), PolicyName: aws.String("p"), PolicyDocument: aws.String(cloudTrailLogsPolicy)})
			return err
		},
		"TagRole": func() error {
			_, err := c.TagRole(ctx, &iam.TagRoleInput{RoleName: aws.String("existing"), Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
			return err
		},
	} {
		if code, msg := apiError(t, call()); code != "AccessDenied" || !strings.Contains(msg, "iam:"+name) {
			t.Errorf("%s as student: %s %q", name, code, msg)
		}
	}
	// Allowed by an inline policy, the student may read the role.
	must(admin.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("student"), PolicyName: aws.String("roles"),
		PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::123456789012:role/existing"}]}`)}))
	if _, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("existing")}); err != nil {
		t.Fatalf("GetRole with permission: %v", err)
	}
}

// TestRoleInProcessAPI is what the simulator's CloudTrail asks before it delivers
// to CloudWatch Logs: does the role trust cloudtrail.amazonaws.com, and may a
// session of it create streams and put events in the log group?
func TestRoleInProcessAPI(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := adminIAM(s)
	arn := aws.ToString(createRole(t, c, "CloudTrail_CloudWatchLogs_Role", cloudTrailTrust).Arn)
	svc := s.IAM()

	if ok, err := svc.RoleTrusts(ctx, arn, "cloudtrail.amazonaws.com"); err != nil || !ok {
		t.Fatalf("RoleTrusts(cloudtrail) = %v, %v", ok, err)
	}
	if ok, err := svc.RoleTrusts(ctx, arn, "ec2.amazonaws.com"); err != nil || ok {
		t.Fatalf("RoleTrusts(ec2) = %v, %v", ok, err)
	}
	for _, bad := range []string{"arn:aws:iam::123456789012:role/nope", "arn:aws:iam::210987654321:role/CloudTrail_CloudWatchLogs_Role",
		"arn:aws:iam::123456789012:role/other-path/CloudTrail_CloudWatchLogs_Role", "not an arn"} {
		if ok, err := svc.RoleTrusts(ctx, bad, "cloudtrail.amazonaws.com"); ok || !errors.Is(err, simiam.ErrNoSuchRole) {
			t.Errorf("RoleTrusts(%s) = %v, %v; want ErrNoSuchRole", bad, ok, err)
		}
	}

	group := "arn:aws:logs:ap-northeast-2:123456789012:log-group:aws-cloudtrail-logs-123456789012-mylog:log-stream:123456789012_CloudTrail_ap-northeast-2"
	allows := func(action string) bool {
		ok, err := svc.RoleAllows(ctx, arn, action, group, nil)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if allows("logs:CreateLogStream") || allows("logs:PutLogEvents") {
		t.Fatal("a role without policies allows logging")
	}
	must(c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role"), PolicyName: aws.String("logs"), PolicyDocument: aws.String(cloudTrailLogsPolicy)}))
	if !allows("logs:CreateLogStream") || !allows("logs:PutLogEvents") || allows("logs:DeleteLogGroup") {
		t.Fatal("the inline policy's actions are not what RoleAllows reports")
	}
	other := strings.Replace(group, "mylog", "otherlog", 1)
	if ok, _ := svc.RoleAllows(ctx, arn, "logs:PutLogEvents", other, nil); ok {
		t.Fatal("RoleAllows ignores the policy's resource")
	}
	// A managed policy attached to the role counts too, and an explicit deny wins.
	deny := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"logs:PutLogEvents","Resource":"*"}]}`
	p := must(c.CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String("no-put"), PolicyDocument: aws.String(deny)})).Policy
	must(c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String("CloudTrail_CloudWatchLogs_Role"), PolicyArn: p.Arn}))
	if allows("logs:PutLogEvents") || !allows("logs:CreateLogStream") {
		t.Fatal("the attached deny is not applied")
	}
	_, err := c.DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: p.Arn})
	if code, _ := apiError(t, err); code != "DeleteConflict" {
		t.Fatalf("deleting a policy attached to a role: %s", code)
	}
	docs, err := svc.RolePolicyDocuments(ctx, arn)
	if err != nil || len(docs) != 2 {
		t.Fatalf("RolePolicyDocuments = %+v, %v", docs, err)
	}
	role, err := svc.RoleByARN(ctx, arn)
	if err != nil || role.RoleName != "CloudTrail_CloudWatchLogs_Role" {
		t.Fatalf("RoleByARN = %+v, %v", role, err)
	}
}

// TestRoleCallsRecorded: role operations reach Event history like every IAM call,
// failures included, with the role as the event's resource.
func TestRoleCallsRecorded(t *testing.T) {
	ctx := context.Background()
	s := newSim(t)
	c := adminIAM(s)
	createRole(t, c, "recorded-role", cloudTrailTrust)
	_, _ = c.DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String("missing-role")})
	ct := cloudtrail.NewFromConfig(adminConfig(s))
	for _, tc := range []struct{ event, role, errorCode string }{{"CreateRole", "recorded-role", ""}, {"DeleteRole", "missing-role", "NoSuchEntity"}} {
		out := must(ct.LookupEvents(ctx, &cloudtrail.LookupEventsInput{LookupAttributes: []cttypes.LookupAttribute{
			{AttributeKey: cttypes.LookupAttributeKeyEventName, AttributeValue: aws.String(tc.event)}}}))
		if len(out.Events) != 1 {
			t.Fatalf("%s events = %d", tc.event, len(out.Events))
		}
		ev := out.Events[0]
		if aws.ToString(ev.EventSource) != "iam.amazonaws.com" || len(ev.Resources) == 0 ||
			aws.ToString(ev.Resources[0].ResourceType) != "AWS::IAM::Role" || aws.ToString(ev.Resources[0].ResourceName) != tc.role {
			t.Errorf("%s event = %+v", tc.event, ev)
		}
		if !strings.Contains(aws.ToString(ev.CloudTrailEvent), `"errorCode":"`+tc.errorCode) && tc.errorCode != "" {
			t.Errorf("%s event lacks errorCode %s: %s", tc.event, tc.errorCode, aws.ToString(ev.CloudTrailEvent))
		}
	}
}
