package iam

import (
	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// PasswordPolicy is IAM's PasswordPolicy shape.
type PasswordPolicy struct {
	MinimumPasswordLength      *int
	RequireSymbols             bool
	RequireNumbers             bool
	RequireUppercaseCharacters bool
	RequireLowercaseCharacters bool
	AllowUsersToChangePassword bool
	ExpirePasswords            bool
	MaxPasswordAge             *int
	PasswordReusePrevention    *int
	HardExpiry                 *bool
}

type getAccountPasswordPolicyOutput struct{ PasswordPolicy *PasswordPolicy }

// getAccountPasswordPolicy answers as IAM does for an account that has no custom
// password policy (a fresh lab account): NoSuchEntity, while the default policy
// (checkPassword) applies to every new password.
func (s *Service) getAccountPasswordPolicy(c *service.Call, _ *struct{}) (*getAccountPasswordPolicyOutput, error) {
	if err := c.Authorize("iam:GetAccountPasswordPolicy", ""); err != nil {
		return nil, err
	}
	return nil, protocol.Errorf(404, "NoSuchEntity", "The Password Policy with domain name %s cannot be found.", s.account)
}
