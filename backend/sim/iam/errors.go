package iam

import (
	"errors"

	"github.com/labconsole/labconsole/backend/sim/policy"
	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/model"
)

// IAM's error answers, worded as IAM words them. Sources: reference/iam.md §2 and
// real CLI/SDK transcripts quoted in public issues (DeleteConflict wordings, "Login
// Profile for User X cannot be found.", "Password does not conform to the account
// password policy."). Wordings marked UNVERIFIED follow IAM's pattern for the same
// error on other entities but were not seen verbatim.

func noSuchGroup(name string) *protocol.Error {
	return protocol.Errorf(404, "NoSuchEntity", "The group with name %s cannot be found.", name)
}

func noSuchLoginProfile(user string) *protocol.Error {
	return protocol.Errorf(404, "NoSuchEntity", "Login Profile for User %s cannot be found.", user)
}

func noSuchAccessKey(id string) *protocol.Error {
	return protocol.Errorf(404, "NoSuchEntity", "The Access Key with id %s cannot be found.", id)
}

// noSuchPolicy answers GetPolicy / GetPolicyVersion / DetachXPolicy for an unknown ARN.
func noSuchPolicy(arn string) *protocol.Error {
	return protocol.Errorf(404, "NoSuchEntity", "Policy %s was not found.", arn)
}

// notAttachable answers AttachXPolicy for an ARN that is unknown or not attachable.
func notAttachable(arn string) *protocol.Error {
	return protocol.Errorf(404, "NoSuchEntity", "Policy %s does not exist or is not attachable.", arn)
}

func noSuchPolicyVersion(arn, version string) *protocol.Error {
	return protocol.Errorf(404, "NoSuchEntity", "Policy %s version %s does not exist or is not attachable.", arn, version)
}

func noSuchInline(kind, name string) *protocol.Error {
	return protocol.Errorf(404, "NoSuchEntity", "The %s policy with name %s cannot be found.", kind, name)
}

func groupExists(name string) *protocol.Error {
	return protocol.Errorf(409, "EntityAlreadyExists", "Group with name %s already exists.", name) // UNVERIFIED
}

func loginProfileExists(user string) *protocol.Error {
	return protocol.Errorf(409, "EntityAlreadyExists", "Login Profile for user %s already exists.", user) // UNVERIFIED
}

func deleteConflict(what string) *protocol.Error {
	return protocol.Errorf(409, "DeleteConflict", "Cannot delete entity, must %s first.", what)
}

func quotaExceeded(quota string, n int) *protocol.Error {
	return protocol.Errorf(409, "LimitExceeded", "Cannot exceed quota for %s: %d", quota, n)
}

func invalidMarker() *protocol.Error {
	return protocol.NewError(400, "InvalidInput", "Invalid Marker.")
}

// checkPassword applies the wire rule (ValidationError) then the account's default
// password policy (PasswordPolicyViolation), as IAM does.
func checkPassword(pw string) error {
	if err := model.ValidatePasswordType(pw); err != nil {
		return validationFrom(err)
	}
	if err := model.CheckDefaultPasswordPolicy(pw); err != nil {
		return protocol.NewError(400, "PasswordPolicyViolation", model.MsgPasswordPolicyViolation)
	}
	return nil
}

// malformedPolicy parses an identity-based policy document with the policy engine,
// answering MalformedPolicyDocument worded as IAM words it.
func malformedPolicy(doc string) (*policy.Document, error) {
	d, err := policy.Parse(doc)
	if err != nil {
		var pe *policy.ParseError
		if errors.As(err, &pe) {
			return nil, protocol.NewError(400, policy.CodeMalformedPolicyDocument, pe.Message)
		}
		return nil, protocol.NewError(400, policy.CodeMalformedPolicyDocument, "Syntax errors in policy.")
	}
	return d, nil
}

// validationEnum is the generic enum failure.
func validationEnum(value, member, set string) error {
	return service.ValidationError("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [%s]", value, member, set)
}
