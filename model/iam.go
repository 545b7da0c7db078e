package model

import "time"

// Tag is a key/value label on an AWS resource.
type Tag struct {
	Key   string
	Value string
}

// User is an IAM user as the console's Users list and summary show it.
type User struct {
	UserName         string
	UserID           string
	Arn              string
	Path             string
	CreateDate       time.Time
	PasswordLastUsed *time.Time
	Tags             []Tag
}

// NewUser is the input of CreateUser, validated with Validate before any call.
type NewUser struct {
	UserName string
	Path     string
	Tags     []Tag
}

// Validate applies IAM's CreateUser rules so bad input is caught before the call.
func (n NewUser) Validate() error {
	var errs Errors
	errs.Add(ValidateUserName(n.UserName))
	if n.Path != "" {
		errs.Add(ValidatePath(n.Path))
	}
	errs.Add(ValidateTags(n.Tags))
	return errs.Err()
}
