package policy

import "testing"

// TestDenyMessage checks the wording against the real AWS messages collected in
// the reference notes (iam.md §6) and the IAM User Guide examples.
func TestDenyMessage(t *testing.T) {
	student := Principal{Arn: "arn:aws:iam::759541165653:user/student", Account: "759541165653", UserName: "student", Type: PrincipalIAMUser}
	session := Principal{Arn: "arn:aws:sts::838829463875:assumed-role/lab-role/lab-session", Account: "838829463875", Type: PrincipalAssumedRole}
	implicit := Result{Decision: ImplicitDeny, DeniedBy: DeniedByIdentity}
	cases := []struct {
		name  string
		req   Request
		res   Result
		style MessageStyle
		want  string
	}{
		{
			"IAM CreateUser (real)",
			Request{Principal: student, Action: "iam:CreateUser", Resource: "arn:aws:iam::759541165653:user/Bob"},
			implicit, StyleDefault,
			"User: arn:aws:iam::759541165653:user/student is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::759541165653:user/Bob because no identity-based policy allows the iam:CreateUser action",
		},
		{
			"CloudTrail LookupEvents without resource (real)",
			Request{Principal: Principal{Arn: "arn:aws:iam::123456789012:user/test", Type: PrincipalIAMUser}, Action: "cloudtrail:LookupEvents"},
			implicit, StyleDefault,
			"User: arn:aws:iam::123456789012:user/test is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action",
		},
		{
			"star resource is omitted",
			Request{Principal: labUser(), Action: "cloudtrail:LookupEvents", Resource: "*"},
			implicit, StyleDefault,
			"User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: cloudtrail:LookupEvents because no identity-based policy allows the cloudtrail:LookupEvents action",
		},
		{
			"OmitResource flag",
			Request{Principal: labUser(), Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::"},
			implicit, MessageStyle{OmitResource: true},
			"User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action",
		},
		{
			"CloudWatch PutMetricAlarm from a role session (real)",
			Request{Principal: session, Action: "cloudwatch:PutMetricAlarm", Resource: "arn:aws:cloudwatch:us-east-1:838829463875:alarm:billing"},
			implicit, StyleDefault,
			"User: arn:aws:sts::838829463875:assumed-role/lab-role/lab-session is not authorized to perform: cloudwatch:PutMetricAlarm on resource: arn:aws:cloudwatch:us-east-1:838829463875:alarm:billing because no identity-based policy allows the cloudwatch:PutMetricAlarm action",
		},
		{
			"SNS capitalises the prefix (real)",
			Request{Principal: session, Action: "sns:Subscribe", Resource: "arn:aws:sns:us-east-1:092297851374:TBICWizPushNotifications"},
			Result{Decision: ImplicitDeny, DeniedBy: DeniedByResource}, StyleSNS,
			"User: arn:aws:sts::838829463875:assumed-role/lab-role/lab-session is not authorized to perform: SNS:Subscribe on resource: arn:aws:sns:us-east-1:092297851374:TBICWizPushNotifications because no resource-based policy allows the SNS:Subscribe action",
		},
		{
			"S3 quotes the ARN (real)",
			Request{Principal: session, Action: "s3:ListBucket", Resource: "arn:aws:s3:::lwzp-securityhub-suppressor-artifact"},
			implicit, StyleS3,
			`User: arn:aws:sts::838829463875:assumed-role/lab-role/lab-session is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::lwzp-securityhub-suppressor-artifact" because no identity-based policy allows the s3:ListBucket action`,
		},
		{
			"explicit deny with the managed policy ARN (real, 2026)",
			Request{Principal: labUser(), Action: "iam:CreateUser", Resource: "arn:aws:iam::123456789012:user/Bob"},
			Result{Decision: ExplicitDeny, DeniedBy: DeniedByIdentity, DenyingPolicyArn: "arn:aws:iam::123456789012:policy/costagas-base"}, StyleDefault,
			"User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/Bob with an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/costagas-base",
		},
		{
			"explicit deny by an inline policy",
			Request{Principal: labUser(), Action: "codedeploy:ListDeployments", Resource: "arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*"},
			Result{Decision: ExplicitDeny, DeniedBy: DeniedByIdentity}, StyleDefault,
			"User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* with an explicit deny in an identity-based policy",
		},
		{
			"explicit deny in a resource-based policy",
			Request{Principal: labUser(), Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"},
			Result{Decision: ExplicitDeny, DeniedBy: DeniedByResource}, StyleS3,
			`User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::b/k" with an explicit deny in a resource-based policy`,
		},
		{
			"permissions boundary, implicit (User Guide)",
			Request{Principal: labUser(), Action: "codedeploy:ListDeployments", Resource: "arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*"},
			Result{Decision: ImplicitDeny, DeniedBy: DeniedByBoundary}, StyleDefault,
			"User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: codedeploy:ListDeployments on resource: arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:* because no permissions boundary allows the codedeploy:ListDeployments action",
		},
		{
			"permissions boundary, explicit (User Guide)",
			Request{Principal: labUser(), Action: "sagemaker:ListModels"},
			Result{Decision: ExplicitDeny, DeniedBy: DeniedByBoundary, DenyingPolicyArn: "arn:aws:iam::123456789012:policy/boundary"}, StyleDefault,
			"User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: sagemaker:ListModels with an explicit deny in a permissions boundary",
		},
		{
			"allowed has no message",
			Request{Principal: labUser(), Action: "s3:GetObject"},
			Result{Decision: Allow}, StyleDefault,
			"",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := DenyMessage(&tc.req, tc.res, tc.style); got != tc.want {
				t.Errorf("\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestDenyMessageFromEvaluate ties Evaluate and DenyMessage together.
func TestDenyMessageFromEvaluate(t *testing.T) {
	deny := NamedDocument{Arn: "arn:aws:iam::123456789012:policy/no-iam", Doc: mustParse(t, `{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"iam:*","Resource":"*"}}`)}
	set := NewPolicySet(managed(t, "AdministratorAccess"), deny)
	req := &Request{Principal: labUser(), Action: "iam:CreateUser", Resource: "arn:aws:iam::123456789012:user/Bob"}
	want := "User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/Bob with an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/no-iam"
	if got := DenyMessage(req, Evaluate(req, set, nil, nil), StyleDefault); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
	sns := &Request{Principal: labUser(), Action: "sns:Subscribe", Resource: "arn:aws:sns:us-east-1:123456789012:alarms"}
	want = "User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: SNS:Subscribe on resource: arn:aws:sns:us-east-1:123456789012:alarms because no identity-based policy allows the SNS:Subscribe action"
	if got := DenyMessage(sns, Evaluate(sns, NewPolicySet(managed(t, "AWSCloudTrail_FullAccess")), nil, nil), StyleSNS); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}
