package model

import "time"

// Group is an IAM user group as the console's "User groups" list and summary show it.
type Group struct {
	GroupName  string
	GroupID    string
	Arn        string
	Path       string
	CreateDate time.Time
}

// NewGroup is the input of CreateGroup ("Create user group"), validated with Validate
// before any call.
type NewGroup struct {
	GroupName string
	Path      string // "" means "/"
}

// Validate applies IAM's CreateGroup rules so bad input is caught before the call.
func (n NewGroup) Validate() error {
	var errs Errors
	errs.Add(ValidateGroupName(n.GroupName))
	if n.Path != "" {
		errs.Add(ValidatePath(n.Path))
	}
	return errs.Err()
}

// UserUpdate is the input of UpdateUser: a rename, a move to another path, or both.
// Empty fields are left as they are.
type UserUpdate struct {
	NewUserName string
	NewPath     string
}

// Validate applies IAM's UpdateUser rules.
func (u UserUpdate) Validate() error {
	var errs Errors
	if u.NewUserName != "" {
		errs.Add(ValidateUserName(u.NewUserName))
	}
	if u.NewPath != "" {
		errs.Add(ValidatePath(u.NewPath))
	}
	return errs.Err()
}
