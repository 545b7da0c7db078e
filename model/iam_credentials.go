package model

import "time"

// LoginProfile says that a user has a console password (IAM never returns the
// password itself).
type LoginProfile struct {
	UserName              string
	CreateDate            time.Time
	PasswordResetRequired bool
}

// NewLoginProfile is the input of CreateLoginProfile and UpdateLoginProfile: the
// "Console password" step of "Add users" ("Custom password", "Users must create a new
// password at next sign-in").
type NewLoginProfile struct {
	UserName              string
	Password              string
	PasswordResetRequired bool
}

// Validate applies IAM's rules: a valid user name and a password that meets the
// account's default password policy, so a weak password is caught before the call.
func (n NewLoginProfile) Validate() error {
	var errs Errors
	errs.Add(ValidateUserName(n.UserName))
	errs.Add(ValidatePassword(n.Password))
	return errs.Err()
}

// Access key statuses.
const (
	AccessKeyActive   = "Active"
	AccessKeyInactive = "Inactive"
)

// AccessKey is an access key's metadata. SecretAccessKey is set only in the answer of
// CreateAccessKey: IAM shows a secret once and never again.
type AccessKey struct {
	UserName        string
	AccessKeyID     string
	Status          string // AccessKeyActive or AccessKeyInactive
	CreateDate      time.Time
	SecretAccessKey string
}

// PasswordPolicy is the account's custom password policy (IAM > Account settings).
type PasswordPolicy struct {
	MinimumPasswordLength      int
	RequireSymbols             bool
	RequireNumbers             bool
	RequireUppercaseCharacters bool
	RequireLowercaseCharacters bool
	AllowUsersToChangePassword bool
	ExpirePasswords            bool
	MaxPasswordAge             int // days; 0 = never expire
	PasswordReusePrevention    int
	HardExpiry                 bool
}
