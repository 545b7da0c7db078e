package policy

import (
	"encoding/json"
	"strings"
	"testing"
)

const (
	trailBucket = "aws-cloudtrail-logs-123456789012-mylog"
	trailArn    = "arn:aws:cloudtrail:us-east-1:123456789012:trail/mylog"
)

type evalCase struct {
	name     string
	action   string
	resource string
	ctx      map[string][]string
	want     Decision
	deniedBy string
}

func runEval(t *testing.T, p Principal, set *PolicySet, resPolicy, boundary *Document, cases []evalCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := &Request{Principal: p, Action: tc.action, Resource: tc.resource, Context: tc.ctx}
			got := Evaluate(req, set, resPolicy, boundary)
			if got.Decision != tc.want {
				t.Fatalf("decision = %v, want %v (result %+v)", got.Decision, tc.want, got)
			}
			if tc.want != Allow && tc.deniedBy != "" && got.DeniedBy != tc.deniedBy {
				t.Errorf("denied by %q, want %q", got.DeniedBy, tc.deniedBy)
			}
		})
	}
}

// TestLabUserCloudTrailFullAccess is the lab: lab-user holds only
// AWSCloudTrail_FullAccess. What it may do on S3, SNS, IAM and Logs follows from
// the policy document (assets/policies/AWSCloudTrail_FullAccess.json, v3).
func TestLabUserCloudTrailFullAccess(t *testing.T) {
	set := NewPolicySet(managed(t, "AWSCloudTrail_FullAccess"))
	bucketArn := "arn:aws:s3:::" + trailBucket
	runEval(t, labUser(), set, nil, nil, []evalCase{
		{"CreateTrail", "cloudtrail:CreateTrail", trailArn, nil, Allow, ""},
		{"LookupEvents (no resource)", "cloudtrail:LookupEvents", "", nil, Allow, ""},
		{"StartLogging", "cloudtrail:StartLogging", trailArn, nil, Allow, ""},
		{"ListBucket on the trail bucket", "s3:ListBucket", bucketArn, nil, ImplicitDeny, DeniedByIdentity},
		{"CreateBucket aws-cloudtrail-logs*", "s3:CreateBucket", bucketArn, nil, Allow, ""},
		{"CreateBucket other name", "s3:CreateBucket", "arn:aws:s3:::my-bucket", nil, ImplicitDeny, DeniedByIdentity},
		{"PutBucketPolicy aws-cloudtrail-logs*", "s3:PutBucketPolicy", bucketArn, nil, Allow, ""},
		{"PutBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock", bucketArn, nil, Allow, ""},
		{"DeleteBucket", "s3:DeleteBucket", bucketArn, nil, ImplicitDeny, DeniedByIdentity},
		{"GetObject", "s3:GetObject", bucketArn + "/AWSLogs/123456789012/x.json.gz", nil, ImplicitDeny, DeniedByIdentity},
		{"GetBucketPolicy any bucket", "s3:GetBucketPolicy", "arn:aws:s3:::my-bucket", nil, Allow, ""},
		{"GetBucketLocation", "s3:GetBucketLocation", "arn:aws:s3:::my-bucket", nil, Allow, ""},
		{"ListAllMyBuckets", "s3:ListAllMyBuckets", "", nil, Allow, ""},
		{"CreateTopic aws-cloudtrail-logs*", "sns:CreateTopic", "arn:aws:sns:us-east-1:123456789012:aws-cloudtrail-logs-mylog", nil, Allow, ""},
		{"CreateTopic other name", "sns:CreateTopic", "arn:aws:sns:us-east-1:123456789012:billing-alarm", nil, ImplicitDeny, DeniedByIdentity},
		{"ListTopics", "sns:ListTopics", "", nil, Allow, ""},
		{"Subscribe", "sns:Subscribe", "arn:aws:sns:us-east-1:123456789012:aws-cloudtrail-logs-mylog", nil, ImplicitDeny, DeniedByIdentity},
		{"GetUser", "iam:GetUser", labUserArn, nil, Allow, ""},
		{"CreateUser", "iam:CreateUser", "arn:aws:iam::123456789012:user/Bob", nil, ImplicitDeny, DeniedByIdentity},
		{"PassRole to CloudTrail", "iam:PassRole", "arn:aws:iam::123456789012:role/ct-logs", ctx("iam:passedtoservice", "cloudtrail.amazonaws.com"), Allow, ""},
		{"PassRole to Logs", "iam:PassRole", "arn:aws:iam::123456789012:role/ct-logs", ctx("iam:passedtoservice", "logs.amazonaws.com"), ImplicitDeny, DeniedByIdentity},
		{"PassRole without context", "iam:PassRole", "arn:aws:iam::123456789012:role/ct-logs", nil, ImplicitDeny, DeniedByIdentity},
		{"CreateLogGroup aws-cloudtrail-logs*", "logs:CreateLogGroup", "arn:aws:logs:us-east-1:123456789012:log-group:aws-cloudtrail-logs-123456789012-1", nil, Allow, ""},
		{"CreateLogGroup other", "logs:CreateLogGroup", "arn:aws:logs:us-east-1:123456789012:log-group:app", nil, ImplicitDeny, DeniedByIdentity},
		{"PutMetricAlarm", "cloudwatch:PutMetricAlarm", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:billing", nil, ImplicitDeny, DeniedByIdentity},
	})

	// The denial the lab shows, word for word (reference iam.md §6).
	req := &Request{Principal: labUser(), Action: "s3:ListBucket", Resource: bucketArn}
	res := Evaluate(req, set, nil, nil)
	want := `User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::aws-cloudtrail-logs-123456789012-mylog" because no identity-based policy allows the s3:ListBucket action`
	if got := DenyMessage(req, res, StyleS3); got != want {
		t.Errorf("message\n got %s\nwant %s", got, want)
	}

	// After attaching AmazonS3FullAccess the same request is allowed.
	set2 := NewPolicySet(managed(t, "AWSCloudTrail_FullAccess"), managed(t, "AmazonS3FullAccess"))
	if got := Evaluate(req, set2, nil, nil); !got.Allowed() {
		t.Errorf("with AmazonS3FullAccess: %+v", got)
	}
	del := &Request{Principal: labUser(), Action: "s3:DeleteBucket", Resource: bucketArn}
	if got := Evaluate(del, set2, nil, nil); !got.Allowed() {
		t.Errorf("DeleteBucket with AmazonS3FullAccess: %+v", got)
	}
}

func TestReadOnlyPolicies(t *testing.T) {
	set := NewPolicySet(managed(t, "AmazonS3ReadOnlyAccess"), managed(t, "AWSCloudTrail_ReadOnlyAccess"), managed(t, "CloudWatchReadOnlyAccess"), managed(t, "AmazonSNSReadOnlyAccess"))
	runEval(t, labUser(), set, nil, nil, []evalCase{
		{"s3 GetObject", "s3:GetObject", "arn:aws:s3:::b/k", nil, Allow, ""},
		{"s3 ListBucket", "s3:ListBucket", "arn:aws:s3:::b", nil, Allow, ""},
		{"s3 PutObject", "s3:PutObject", "arn:aws:s3:::b/k", nil, ImplicitDeny, DeniedByIdentity},
		{"cloudtrail DescribeTrails", "cloudtrail:DescribeTrails", "", nil, Allow, ""},
		{"cloudtrail GetTrailStatus", "cloudtrail:GetTrailStatus", trailArn, nil, Allow, ""},
		{"cloudtrail CreateTrail", "cloudtrail:CreateTrail", trailArn, nil, ImplicitDeny, DeniedByIdentity},
		{"cloudwatch DescribeAlarms", "cloudwatch:DescribeAlarms", "", nil, Allow, ""},
		{"cloudwatch PutMetricAlarm", "cloudwatch:PutMetricAlarm", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a", nil, ImplicitDeny, DeniedByIdentity},
		{"sns ListTopics", "sns:ListTopics", "", nil, Allow, ""},
		{"sns GetTopicAttributes", "sns:GetTopicAttributes", "arn:aws:sns:us-east-1:123456789012:t", nil, Allow, ""},
		{"sns Publish", "sns:Publish", "arn:aws:sns:us-east-1:123456789012:t", nil, ImplicitDeny, DeniedByIdentity},
		{"sms-voice needs CalledVia sns", "sms-voice:DescribeSpendLimits", "", nil, ImplicitDeny, DeniedByIdentity},
		{"sms-voice via sns", "sms-voice:DescribeSpendLimits", "", ctx("aws:calledvialast", "sns.amazonaws.com"), Allow, ""},
	})
}

func TestCloudWatchFullAccessV2(t *testing.T) {
	set := NewPolicySet(managed(t, "CloudWatchFullAccessV2"))
	runEval(t, labUser(), set, nil, nil, []evalCase{
		{"PutMetricAlarm", "cloudwatch:PutMetricAlarm", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:billing", nil, Allow, ""},
		{"sns CreateTopic", "sns:CreateTopic", "arn:aws:sns:us-east-1:123456789012:billing", nil, Allow, ""},
		{"sns Subscribe", "sns:Subscribe", "arn:aws:sns:us-east-1:123456789012:billing", nil, Allow, ""},
		{"sns Publish", "sns:Publish", "arn:aws:sns:us-east-1:123456789012:billing", nil, ImplicitDeny, DeniedByIdentity},
		{"SLR with service name", "iam:CreateServiceLinkedRole", "arn:aws:iam::123456789012:role/aws-service-role/events.amazonaws.com/AWSServiceRoleForCloudWatchEvents", ctx("iam:awsservicename", "events.amazonaws.com"), Allow, ""},
		{"SLR wrong service name", "iam:CreateServiceLinkedRole", "arn:aws:iam::123456789012:role/aws-service-role/events.amazonaws.com/AWSServiceRoleForCloudWatchEvents", ctx("iam:awsservicename", "ec2.amazonaws.com"), ImplicitDeny, DeniedByIdentity},
		{"PassRole telemetry pipeline", "iam:PassRole", "arn:aws:iam::123456789012:role/p", ctx("iam:passedtoservice", "telemetry-pipelines.observabilityadmin.amazonaws.com", "iam:associatedresourcearn", "arn:aws:observabilityadmin:us-east-1:123456789012:telemetry-pipeline/p"), Allow, ""},
		{"PassRole pipeline wrong resource", "iam:PassRole", "arn:aws:iam::123456789012:role/p", ctx("iam:passedtoservice", "telemetry-pipelines.observabilityadmin.amazonaws.com", "iam:associatedresourcearn", "arn:aws:observabilityadmin:us-east-1:123456789012:s3tableintegration/p"), ImplicitDeny, DeniedByIdentity},
		{"s3tables via observabilityadmin", "s3tables:CreateTableBucket", "arn:aws:s3tables:us-east-1:123456789012:bucket/aws-cloudwatch", ctx("aws:calledvia", "observabilityadmin.amazonaws.com"), Allow, ""},
		{"s3tables direct", "s3tables:CreateTableBucket", "arn:aws:s3tables:us-east-1:123456789012:bucket/aws-cloudwatch", nil, ImplicitDeny, DeniedByIdentity},
		{"servicequotas sns", "servicequotas:GetServiceQuota", "arn:aws:servicequotas:us-east-1:123456789012:sns/L-1", nil, Allow, ""},
		{"servicequotas iam", "servicequotas:GetServiceQuota", "arn:aws:servicequotas:us-east-1:123456789012:iam/L-1", nil, ImplicitDeny, DeniedByIdentity},
	})
}

func TestAdministratorAndExplicitDeny(t *testing.T) {
	admin := managed(t, "AdministratorAccess")
	denyDelete := NamedDocument{
		Arn: "arn:aws:iam::123456789012:policy/deny-bucket-delete",
		Doc: mustParse(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["s3:DeleteBucket","s3:DeleteObject*"],"Resource":"*"}]}`),
	}
	runEval(t, labUser(), NewPolicySet(admin), nil, nil, []evalCase{
		{"iam CreateUser", "iam:CreateUser", "arn:aws:iam::123456789012:user/Bob", nil, Allow, ""},
		{"any service", "ec2:RunInstances", "arn:aws:ec2:us-east-1:123456789012:instance/*", nil, Allow, ""},
		{"no resource", "cloudtrail:LookupEvents", "", nil, Allow, ""},
	})
	set := NewPolicySet(admin, denyDelete)
	runEval(t, labUser(), set, nil, nil, []evalCase{
		{"deny beats allow", "s3:DeleteBucket", "arn:aws:s3:::b", nil, ExplicitDeny, DeniedByIdentity},
		{"deny wildcard", "s3:DeleteObjectVersion", "arn:aws:s3:::b/k", nil, ExplicitDeny, DeniedByIdentity},
		{"other actions still allowed", "s3:PutObject", "arn:aws:s3:::b/k", nil, Allow, ""},
	})
	req := &Request{Principal: labUser(), Action: "s3:DeleteBucket", Resource: "arn:aws:s3:::b"}
	res := Evaluate(req, set, nil, nil)
	if res.DenyingPolicyArn != denyDelete.Arn {
		t.Errorf("denying policy = %q", res.DenyingPolicyArn)
	}
	// Order of the set does not matter: Deny wins either way.
	if got := Evaluate(req, NewPolicySet(denyDelete, admin), nil, nil); got.Decision != ExplicitDeny {
		t.Errorf("reversed set: %+v", got)
	}
}

func TestNotActionAndNotResource(t *testing.T) {
	allowAllButIAM := inline(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}`)
	runEval(t, labUser(), NewPolicySet(allowAllButIAM), nil, nil, []evalCase{
		{"NotAction allow s3", "s3:GetObject", "arn:aws:s3:::b/k", nil, Allow, ""},
		{"NotAction allow excludes iam", "iam:CreateUser", "arn:aws:iam::123456789012:user/x", nil, ImplicitDeny, DeniedByIdentity},
	})
	denyAllButPassword := inline(t, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotAction":["iam:ChangePassword","iam:GetAccountPasswordPolicy"],"Resource":"*"}}`)
	runEval(t, labUser(), NewPolicySet(managed(t, "AdministratorAccess"), denyAllButPassword), nil, nil, []evalCase{
		{"NotAction deny everything else", "s3:ListBucket", "arn:aws:s3:::b", nil, ExplicitDeny, DeniedByIdentity},
		{"NotAction deny spares listed", "iam:ChangePassword", labUserArn, nil, Allow, ""},
	})
	allowButSecret := inline(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","NotResource":["arn:aws:s3:::secret","arn:aws:s3:::secret/*"]}}`)
	runEval(t, labUser(), NewPolicySet(allowButSecret), nil, nil, []evalCase{
		{"NotResource allow other bucket", "s3:GetObject", "arn:aws:s3:::public/k", nil, Allow, ""},
		{"NotResource allow excludes secret", "s3:GetObject", "arn:aws:s3:::secret/k", nil, ImplicitDeny, DeniedByIdentity},
		{"NotResource covers no-resource actions", "s3:ListAllMyBuckets", "", nil, Allow, ""},
	})
	denyOutside := inline(t, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::work","arn:aws:s3:::work/*"]}}`)
	runEval(t, labUser(), NewPolicySet(managed(t, "AmazonS3FullAccess"), denyOutside), nil, nil, []evalCase{
		{"NotResource deny outside", "s3:GetObject", "arn:aws:s3:::other/k", nil, ExplicitDeny, DeniedByIdentity},
		{"NotResource deny spares inside", "s3:GetObject", "arn:aws:s3:::work/k", nil, Allow, ""},
	})
}

func TestWildcardsAndCase(t *testing.T) {
	doc := inline(t, `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"s3:Get?bject","Resource":"arn:aws:s3:::My-Bucket/*"},
		{"Effect":"Allow","Action":"iam:List*","Resource":"*"}]}`)
	runEval(t, labUser(), NewPolicySet(doc), nil, nil, []evalCase{
		{"? matches one character", "s3:GetObject", "arn:aws:s3:::My-Bucket/k", nil, Allow, ""},
		{"? does not match more", "s3:GetObjectAcl", "arn:aws:s3:::My-Bucket/k", nil, ImplicitDeny, DeniedByIdentity},
		{"action case-insensitive", "S3:getobject", "arn:aws:s3:::My-Bucket/k", nil, Allow, ""},
		{"resource case-sensitive", "s3:GetObject", "arn:aws:s3:::my-bucket/k", nil, ImplicitDeny, DeniedByIdentity},
		{"* matches many", "iam:ListAccessKeys", "arn:aws:iam::123456789012:user/lab-user", nil, Allow, ""},
		{"* matches none", "iam:List", "*", nil, Allow, ""},
		{"prefix must match", "iam:GetUser", "*", nil, ImplicitDeny, DeniedByIdentity},
	})
}

// TestIAMUserChangePassword: ${aws:username} lets each user change only their
// own password (IAMUserChangePassword v5).
func TestIAMUserChangePassword(t *testing.T) {
	set := NewPolicySet(managed(t, "IAMUserChangePassword"))
	runEval(t, labUser(), set, nil, nil, []evalCase{
		{"own password", "iam:ChangePassword", labUserArn, nil, Allow, ""},
		{"other user", "iam:ChangePassword", "arn:aws:iam::123456789012:user/other", nil, ImplicitDeny, DeniedByIdentity},
		{"user named like a prefix", "iam:ChangePassword", "arn:aws:iam::123456789012:user/lab-user2", nil, ImplicitDeny, DeniedByIdentity},
		{"password policy", "iam:GetAccountPasswordPolicy", "", nil, Allow, ""},
		{"other action on self", "iam:CreateAccessKey", labUserArn, nil, ImplicitDeny, DeniedByIdentity},
	})
	withPath := Principal{Arn: "arn:aws:iam::123456789012:user/division/alice", Account: testAccount, UserName: "alice", Type: PrincipalIAMUser}
	runEval(t, withPath, set, nil, nil, []evalCase{
		{"user with a path", "iam:ChangePassword", "arn:aws:iam::123456789012:user/division/alice", nil, Allow, ""},
		{"not lab-user", "iam:ChangePassword", labUserArn, nil, ImplicitDeny, DeniedByIdentity},
	})
	// The root user has no aws:username: the variable cannot be resolved. Root
	// is allowed anyway, but the statement itself must not match.
	doc := set.docs[0].Doc
	req := &Request{Principal: Principal{Type: PrincipalRoot, Account: testAccount, Arn: "arn:aws:iam::123456789012:root"}, Action: "iam:ChangePassword", Resource: labUserArn}
	ec := evalCtx{req: req}
	pr := prepare(req)
	if doc.Statements[0].applies(&pr, &ec) {
		t.Error("statement with ${aws:username} applied to a principal without a user name")
	}
}

// cloudTrailBucketPolicy returns the reference sample with its placeholders
// filled for the lab bucket and trail.
func cloudTrailBucketPolicy(t *testing.T, variant string) *Document {
	t.Helper()
	var sample map[string]struct {
		Policy json.RawMessage `json:"policy"`
	}
	if err := json.Unmarshal(readReference(t, "samples/cloudtrail-bucket-policy.json"), &sample); err != nil {
		t.Fatal(err)
	}
	doc := string(sample[variant].Policy)
	doc = strings.NewReplacer(
		"myBucketName", trailBucket,
		"[optionalPrefix]/", "",
		"arn:aws:cloudtrail:region:myAccountID:trail/trailName", trailArn,
		"myAccountID", testAccount,
		"aws-cloudtrail-logs-123456789012-abcd1234", trailBucket,
		"trail/management-events", "trail/mylog",
	).Replace(doc)
	return mustParseResource(t, doc)
}

func TestCloudTrailBucketPolicy(t *testing.T) {
	ct := Principal{Type: PrincipalService, Service: "cloudtrail.amazonaws.com"}
	logKey := "arn:aws:s3:::" + trailBucket + "/AWSLogs/123456789012/CloudTrail/us-east-1/2026/03/07/123456789012_CloudTrail_us-east-1_20260307T1200Z_abc.json.gz"
	good := ctx("aws:sourcearn", trailArn, "aws:sourceaccount", testAccount, "s3:x-amz-acl", "bucket-owner-full-control")
	otherTrail := ctx("aws:sourcearn", "arn:aws:cloudtrail:us-east-1:123456789012:trail/other", "aws:sourceaccount", testAccount, "s3:x-amz-acl", "bucket-owner-full-control")
	otherAccount := ctx("aws:sourcearn", "arn:aws:cloudtrail:us-east-1:999999999999:trail/mylog", "aws:sourceaccount", "999999999999", "s3:x-amz-acl", "bucket-owner-full-control")
	noACL := ctx("aws:sourcearn", trailArn, "aws:sourceaccount", testAccount)
	for _, variant := range []string{"doc_version", "console_created_variant"} {
		t.Run(variant, func(t *testing.T) {
			bp := cloudTrailBucketPolicy(t, variant)
			runEval(t, ct, nil, bp, nil, []evalCase{
				{"GetBucketAcl", "s3:GetBucketAcl", "arn:aws:s3:::" + trailBucket, good, Allow, ""},
				{"PutObject", "s3:PutObject", logKey, good, Allow, ""},
				{"PutObject other trail", "s3:PutObject", logKey, otherTrail, ImplicitDeny, DeniedByResource},
				{"PutObject other account", "s3:PutObject", strings.Replace(logKey, "AWSLogs/123456789012", "AWSLogs/999999999999", 1), otherAccount, ImplicitDeny, DeniedByResource},
				{"PutObject without ACL", "s3:PutObject", logKey, noACL, ImplicitDeny, DeniedByResource},
				{"PutObject outside AWSLogs", "s3:PutObject", "arn:aws:s3:::" + trailBucket + "/other/x", good, ImplicitDeny, DeniedByResource},
				{"GetObject not granted", "s3:GetObject", logKey, good, ImplicitDeny, DeniedByResource},
			})
			// Another service principal is not named.
			runEval(t, Principal{Type: PrincipalService, Service: "config.amazonaws.com"}, nil, bp, nil, []evalCase{
				{"other service", "s3:PutObject", logKey, good, ImplicitDeny, DeniedByResource},
			})
			// An IAM user is not named by the bucket policy either: it needs IAM.
			runEval(t, labUser(), nil, bp, nil, []evalCase{
				{"user without identity policy", "s3:PutObject", logKey, good, ImplicitDeny, DeniedByIdentity},
			})
			runEval(t, labUser(), NewPolicySet(managed(t, "AmazonS3FullAccess")), bp, nil, []evalCase{
				{"user with identity policy", "s3:PutObject", logKey, nil, Allow, ""},
			})
		})
	}
	// Service principals get nothing from identity policies or without a policy.
	runEval(t, ct, NewPolicySet(managed(t, "AdministratorAccess")), nil, nil, []evalCase{
		{"no bucket policy", "s3:PutObject", logKey, good, ImplicitDeny, DeniedByResource},
	})
}

func TestResourcePolicyPrincipals(t *testing.T) {
	bucket := "arn:aws:s3:::shared"
	byUser := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/lab-user"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}}`)
	byAccount := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}}`)
	byRoot := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}}`)
	public := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::shared/*"}}`)
	tlsOnly := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Sid":"DenyInsecure","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::shared","arn:aws:s3:::shared/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}}`)
	key := bucket + "/k"
	s3Full := NewPolicySet(managed(t, "AmazonS3FullAccess"))

	runEval(t, labUser(), nil, byUser, nil, []evalCase{
		{"user named directly needs no identity policy", "s3:GetObject", key, nil, Allow, ""},
		{"not granted action", "s3:PutObject", key, nil, ImplicitDeny, DeniedByIdentity},
	})
	other := Principal{Arn: "arn:aws:iam::123456789012:user/other", Account: testAccount, UserName: "other", Type: PrincipalIAMUser}
	runEval(t, other, nil, byUser, nil, []evalCase{
		{"another user", "s3:GetObject", key, nil, ImplicitDeny, DeniedByIdentity},
	})
	for name, bp := range map[string]*Document{"account id": byAccount, "account root arn": byRoot} {
		runEval(t, labUser(), nil, bp, nil, []evalCase{
			{name + " delegates to IAM", "s3:GetObject", key, nil, ImplicitDeny, DeniedByIdentity},
		})
		runEval(t, labUser(), s3Full, bp, nil, []evalCase{
			{name + " with IAM allow", "s3:GetObject", key, nil, Allow, ""},
		})
	}
	runEval(t, Principal{Type: PrincipalAnonymous}, nil, public, nil, []evalCase{
		{"anonymous public read", "s3:GetObject", key, nil, Allow, ""},
		{"anonymous write", "s3:PutObject", key, nil, ImplicitDeny, DeniedByResource},
	})
	runEval(t, Principal{Type: PrincipalAnonymous}, nil, byAccount, nil, []evalCase{
		{"anonymous not in account", "s3:GetObject", key, nil, ImplicitDeny, DeniedByResource},
	})
	runEval(t, labUser(), s3Full, tlsOnly, nil, []evalCase{
		{"TLS deny over http", "s3:GetObject", key, ctx("aws:securetransport", "false"), ExplicitDeny, DeniedByResource},
		{"TLS deny over https", "s3:GetObject", key, ctx("aws:securetransport", "true"), Allow, ""},
	})
	// Identity-based explicit denies are reported before resource-based ones.
	denyAll := NamedDocument{Arn: "arn:aws:iam::123456789012:policy/deny-all", Doc: mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}`)}
	req := &Request{Principal: labUser(), Action: "s3:GetObject", Resource: key, Context: ctx("aws:securetransport", "false")}
	if got := Evaluate(req, NewPolicySet(denyAll), tlsOnly, nil); got.DeniedBy != DeniedByIdentity || got.DenyingPolicyArn != denyAll.Arn {
		t.Errorf("both deny: %+v", got)
	}
}

func TestRootPrincipal(t *testing.T) {
	root := Principal{Arn: "arn:aws:iam::123456789012:root", Account: testAccount, Type: PrincipalRoot, UserID: testAccount}
	denyRoot := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:DeleteBucket","Resource":"arn:aws:s3:::b"}}`)
	denyOthers := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:user/intern"},"Action":"s3:*","Resource":"*"}}`)
	// An identity set given for root (it cannot have one in AWS) is ignored.
	runEval(t, root, NewPolicySet(inline(t, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}`)), nil, nil, []evalCase{
		{"root needs no policy", "iam:CreateUser", "arn:aws:iam::123456789012:user/x", nil, Allow, ""},
	})
	runEval(t, root, nil, denyRoot, nil, []evalCase{
		{"resource policy can deny root", "s3:DeleteBucket", "arn:aws:s3:::b", nil, ExplicitDeny, DeniedByResource},
		{"other action", "s3:PutObject", "arn:aws:s3:::b/k", nil, Allow, ""},
	})
	runEval(t, root, nil, denyOthers, nil, []evalCase{
		{"deny naming someone else", "s3:DeleteBucket", "arn:aws:s3:::b", nil, Allow, ""},
	})
}

func TestPermissionsBoundary(t *testing.T) {
	admin := NewPolicySet(managed(t, "AdministratorAccess"))
	s3Only := mustParse(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","cloudtrail:*"],"Resource":"*"},{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}`)
	runEval(t, labUser(), admin, nil, s3Only, []evalCase{
		{"inside boundary", "s3:GetObject", "arn:aws:s3:::b/k", nil, Allow, ""},
		{"outside boundary", "iam:CreateUser", "arn:aws:iam::123456789012:user/x", nil, ImplicitDeny, DeniedByBoundary},
		{"boundary deny", "s3:DeleteBucket", "arn:aws:s3:::b", nil, ExplicitDeny, DeniedByBoundary},
	})
	runEval(t, labUser(), NewPolicySet(managed(t, "AmazonS3ReadOnlyAccess")), nil, s3Only, []evalCase{
		{"boundary grants nothing itself", "s3:PutObject", "arn:aws:s3:::b/k", nil, ImplicitDeny, DeniedByIdentity},
	})
	byUser := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/lab-user"},"Action":"sns:Publish","Resource":"*"}}`)
	runEval(t, labUser(), admin, byUser, s3Only, []evalCase{
		{"resource policy naming the user is not limited by the boundary", "sns:Publish", "arn:aws:sns:us-east-1:123456789012:t", nil, Allow, ""},
	})
	notPrincipal := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::123456789012:user/lab-user","arn:aws:iam::123456789012:root"]},"Action":"s3:*","Resource":"*"}}`)
	runEval(t, labUser(), admin, notPrincipal, nil, []evalCase{
		{"NotPrincipal excludes the user", "s3:GetObject", "arn:aws:s3:::b/k", nil, Allow, ""},
	})
	runEval(t, labUser(), admin, notPrincipal, s3Only, []evalCase{
		{"NotPrincipal Deny always applies with a boundary", "s3:GetObject", "arn:aws:s3:::b/k", nil, ExplicitDeny, DeniedByResource},
	})
	intern := Principal{Arn: "arn:aws:iam::123456789012:user/intern", Account: testAccount, UserName: "intern", Type: PrincipalIAMUser}
	runEval(t, intern, admin, notPrincipal, nil, []evalCase{
		{"NotPrincipal denies everyone else", "s3:GetObject", "arn:aws:s3:::b/k", nil, ExplicitDeny, DeniedByResource},
	})
	userOnly := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:user/lab-user"},"Action":"s3:*","Resource":"*"}}`)
	runEval(t, labUser(), admin, userOnly, nil, []evalCase{
		{"NotPrincipal without the account ARN denies the user too", "s3:GetObject", "arn:aws:s3:::b/k", nil, ExplicitDeny, DeniedByResource},
	})
	session := Principal{Arn: "arn:aws:sts::123456789012:assumed-role/Auditor/alice", Account: testAccount, Type: PrincipalAssumedRole}
	sessionAndAccount := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:sts::123456789012:assumed-role/Auditor/alice","arn:aws:iam::123456789012:root"]},"Action":"s3:*","Resource":"*"}}`)
	allThree := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:sts::123456789012:assumed-role/Auditor/alice","arn:aws:iam::123456789012:role/Auditor","arn:aws:iam::123456789012:root"]},"Action":"s3:*","Resource":"*"}}`)
	runEval(t, session, admin, sessionAndAccount, nil, []evalCase{
		{"NotPrincipal session without role", "s3:GetObject", "arn:aws:s3:::b/k", nil, ExplicitDeny, DeniedByResource},
	})
	runEval(t, session, admin, allThree, nil, []evalCase{
		{"NotPrincipal session, role and account", "s3:GetObject", "arn:aws:s3:::b/k", nil, Allow, ""},
	})
}

func TestAssumedRoleAndCrossAccount(t *testing.T) {
	session := Principal{Arn: "arn:aws:sts::123456789012:assumed-role/Auditor/alice", Account: testAccount, UserID: "AROAEXAMPLE:alice", Type: PrincipalAssumedRole}
	byRole := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/team/Auditor"},"Action":"s3:GetObject","Resource":"*"}}`)
	bySession := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:sts::123456789012:assumed-role/Auditor/alice"},"Action":"s3:GetObject","Resource":"*"}}`)
	boundary := mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"cloudtrail:*","Resource":"*"}}`)
	runEval(t, session, nil, byRole, nil, []evalCase{
		{"role ARN grants the session", "s3:GetObject", "arn:aws:s3:::b/k", nil, Allow, ""},
	})
	runEval(t, session, nil, byRole, boundary, []evalCase{
		{"role ARN grant is limited by the boundary", "s3:GetObject", "arn:aws:s3:::b/k", nil, ImplicitDeny, DeniedByBoundary},
	})
	runEval(t, session, nil, bySession, boundary, []evalCase{
		{"session ARN grant is not", "s3:GetObject", "arn:aws:s3:::b/k", nil, Allow, ""},
	})

	readAll := NewPolicySet(managed(t, "AmazonS3ReadOnlyAccess"))
	trustsLab := mustParseResource(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::partner/*"}}`)
	cross := func(p *Document, set *PolicySet) Result {
		req := &Request{Principal: labUser(), Action: "s3:GetObject", Resource: "arn:aws:s3:::partner/k", ResourceAccount: "999999999999"}
		return Evaluate(req, set, p, nil)
	}
	if got := cross(nil, readAll); got.Decision != ImplicitDeny || got.DeniedBy != DeniedByResource {
		t.Errorf("cross-account without bucket policy: %+v", got)
	}
	if got := cross(trustsLab, nil); got.Decision != ImplicitDeny || got.DeniedBy != DeniedByIdentity {
		t.Errorf("cross-account without identity policy: %+v", got)
	}
	if got := cross(trustsLab, readAll); !got.Allowed() {
		t.Errorf("cross-account with both: %+v", got)
	}
}

func TestNilInputs(t *testing.T) {
	req := &Request{Principal: labUser(), Action: "s3:ListAllMyBuckets"}
	if got := Evaluate(req, nil, nil, nil); got.Decision != ImplicitDeny || got.DeniedBy != DeniedByIdentity {
		t.Errorf("no policies: %+v", got)
	}
	if NewPolicySet(NamedDocument{Arn: "x"}).Len() != 0 || (*PolicySet)(nil).Len() != 0 {
		t.Error("Len counts missing documents")
	}
	// A document from Parse (no Principal) used as a resource policy grants nobody.
	if got := Evaluate(req, nil, mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`), nil); got.Allowed() {
		t.Errorf("principal-less resource policy allowed: %+v", got)
	}
}

func TestDecisionString(t *testing.T) {
	for d, want := range map[Decision]string{Allow: "allowed", ImplicitDeny: "implicitDeny", ExplicitDeny: "explicitDeny"} {
		if d.String() != want {
			t.Errorf("%d.String() = %q", d, d.String())
		}
	}
	if EffectAllow.String() != "Allow" || EffectDeny.String() != "Deny" {
		t.Error("Effect.String")
	}
}

func TestUntypedPrincipalIsAUser(t *testing.T) {
	p := labUser()
	p.Type = ""
	req := &Request{Principal: p, Action: "iam:ChangePassword", Resource: labUserArn}
	if got := Evaluate(req, NewPolicySet(managed(t, "IAMUserChangePassword")), nil, nil); !got.Allowed() {
		t.Errorf("untyped principal: %+v", got)
	}
}

func TestSetContext(t *testing.T) {
	var req Request
	req.SetContext("AWS:SourceIp", "10.0.0.1")
	if got := req.Context["aws:sourceip"]; len(got) != 1 || got[0] != "10.0.0.1" {
		t.Errorf("context = %v", req.Context)
	}
}
