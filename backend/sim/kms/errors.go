package kms

import (
	"errors"
	"fmt"

	"github.com/labconsole/labconsole/backend/sim/protocol"
)

// KMS's error answers. KMS answers every error with HTTP 400 and the shape name as
// the code. Wordings come from KMS CLI transcripts quoted in public issues
// ("Key '…' does not exist", "Alias … is not found.", "An alias with the name …
// already exists", "… is pending deletion."); those marked UNVERIFIED follow KMS's
// pattern but were not seen verbatim.

func kmsError(code, format string, args ...any) *protocol.Error {
	return protocol.NewError(400, code, fmt.Sprintf(format, args...))
}

// validation is KMS's generic ValidationException ("1 validation error detected: …").
func validation(format string, args ...any) *protocol.Error {
	return kmsError("ValidationException", format, args...)
}

func notNull(member string) *protocol.Error {
	return validation("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", member)
}

func tooLong(member string, max int) *protocol.Error {
	return validation("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", member, max)
}

func enumError(value, member, set string) *protocol.Error {
	return validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [%s]", value, member, set)
}

func keyNotFound(arn string) *protocol.Error {
	return kmsError("NotFoundException", "Key '%s' does not exist", arn)
}

func invalidKeyID(id string) *protocol.Error {
	return kmsError("NotFoundException", "Invalid keyId %s", id)
}

func aliasNotFound(arn string) *protocol.Error {
	return kmsError("NotFoundException", "Alias %s is not found.", arn)
}

func invalidArn(arn string) *protocol.Error {
	return kmsError("InvalidArnException", "Invalid arn %s", arn) // UNVERIFIED wording
}

func pendingDeletion(arn string) *protocol.Error {
	return kmsError("KMSInvalidStateException", "%s is pending deletion.", arn)
}

func notPendingDeletion(arn string) *protocol.Error {
	return kmsError("KMSInvalidStateException", "%s is not pending deletion.", arn) // UNVERIFIED wording
}

func malformedPolicy(msg string) *protocol.Error {
	return kmsError("MalformedPolicyDocumentException", "%s", msg)
}

// lockout is the policy lockout safety check's refusal.
func lockout() *protocol.Error {
	return malformedPolicy("The new key policy will not allow you to update the key policy in the future.")
}

func invalidMarker() *protocol.Error {
	return kmsError("InvalidMarkerException", "Invalid marker") // UNVERIFIED wording
}

// asProtocol returns err as a *protocol.Error, or nil.
func asProtocol(err error) *protocol.Error {
	var pe *protocol.Error
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}
