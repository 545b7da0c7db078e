package policy

import "strings"

// MessageStyle captures how the service that denies a request prints it; the
// services disagree (IAM User Guide, "Troubleshooting access denied error
// messages", and real CLI output collected in the reference notes).
type MessageStyle struct {
	// QuoteResource wraps the resource ARN in double quotes, as S3 does:
	// on resource: "arn:aws:s3:::bucket".
	QuoteResource bool
	// UpperServicePrefix prints the action's service prefix in capitals, as SNS
	// does: SNS:Subscribe.
	UpperServicePrefix bool
	// OmitResource drops "on resource: …" for actions without resource-level
	// permissions (cloudtrail:LookupEvents); an empty or "*" Resource does too.
	OmitResource bool
}

// Styles of the simulated services. IAM, STS, CloudWatch, CloudTrail and Logs
// use StyleDefault.
var (
	StyleDefault = MessageStyle{}
	StyleS3      = MessageStyle{QuoteResource: true}
	StyleSNS     = MessageStyle{UpperServicePrefix: true}
)

// DenyMessage words a denial the way AWS does, e.g.
//
//	User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::bucket" because no identity-based policy allows the s3:ListBucket action
//	User: arn:aws:iam::123456789012:user/lab-user is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/bob with an explicit deny in an identity-based policy: arn:aws:iam::123456789012:policy/deny-iam
//
// Implicit denials say "because no <type> allows the <action> action", explicit
// ones "with an explicit deny in <type>" followed by the denying managed
// policy's ARN when known (AWS appends it for identity-based policies since
// 2025). It returns "" for an allowed request.
func DenyMessage(req *Request, res Result, style MessageStyle) string {
	if res.Decision == Allow {
		return ""
	}
	action := req.Action
	if style.UpperServicePrefix {
		if svc, name, ok := strings.Cut(action, ":"); ok {
			action = strings.ToUpper(svc) + ":" + name
		}
	}
	who := req.Principal.Arn
	switch {
	case who != "":
	case req.Principal.Type == PrincipalService:
		who = req.Principal.Service
	default:
		who = "anonymous"
	}
	deniedBy := res.DeniedBy
	if deniedBy == "" {
		deniedBy = DeniedByIdentity
	}

	var b strings.Builder
	b.Grow(128 + len(who) + 2*len(action) + len(req.Resource) + len(res.DenyingPolicyArn))
	b.WriteString("User: ")
	b.WriteString(who)
	b.WriteString(" is not authorized to perform: ")
	b.WriteString(action)
	if !style.OmitResource && req.Resource != "" && req.Resource != "*" {
		b.WriteString(" on resource: ")
		if style.QuoteResource {
			b.WriteByte('"')
			b.WriteString(req.Resource)
			b.WriteByte('"')
		} else {
			b.WriteString(req.Resource)
		}
	}
	if res.Decision == ExplicitDeny {
		b.WriteString(" with an explicit deny in ")
		b.WriteString(article(deniedBy))
		if res.DenyingPolicyArn != "" && deniedBy == DeniedByIdentity {
			b.WriteString(": ")
			b.WriteString(res.DenyingPolicyArn)
		}
		return b.String()
	}
	b.WriteString(" because no ")
	b.WriteString(typeName(deniedBy))
	b.WriteString(" allows the ")
	b.WriteString(action)
	b.WriteString(" action")
	return b.String()
}

// typeName is the policy type as the message names it: "identity-based policy",
// "resource-based policy", but "permissions boundary" alone.
func typeName(deniedBy string) string {
	if deniedBy == DeniedByBoundary {
		return deniedBy
	}
	return deniedBy + " policy"
}

func article(deniedBy string) string {
	name := typeName(deniedBy)
	switch name[0] {
	case 'a', 'e', 'i', 'o', 'u':
		return "an " + name
	}
	return "a " + name
}
