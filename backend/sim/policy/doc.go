// Package policy parses and evaluates AWS IAM policy documents for the simulator.
//
// Every simulated service authorizes every request through this package, so a
// lab that works here works against real AWS and the reverse: identity-based
// policies (attached managed, inline and group policies), resource-based
// policies (S3 bucket policies) and permissions boundaries are combined with the
// single-account logic of the IAM User Guide ("Policy evaluation logic"), and a
// denial is worded the way AWS words it ("Troubleshooting access denied error
// messages"), including S3's quoted resource ARN and SNS's capitalised prefix.
//
// The package is pure (no I/O, no clock, no globals that change) and split by
// concern:
//
//   - parse.go: JSON → Document (the policy grammar), compiling each statement once.
//   - validate.go: the checks IAM makes after the grammar (actions, resources, Sids).
//   - errors.go: ParseError, worded as IAM (MalformedPolicyDocument) or S3
//     (MalformedPolicy) words it.
//   - match.go: wildcard patterns for actions, ARNs and StringLike values.
//   - variables.go: Request, Principal, the request context and policy variables.
//   - conditions.go: the condition operators and their missing-key rules.
//   - principal.go: the Principal/NotPrincipal element of resource-based policies.
//   - evaluate.go: PolicySet, Evaluate and the decision rules.
//   - message.go: the AccessDenied text.
//
// Evaluation allocates nothing on the common path: statements are compiled at
// Parse time (actions pre-lowered and grouped by service, ARN patterns split into
// segments, CIDRs, numbers and dates pre-parsed), and matching works on
// substrings of the request.
package policy
