package model

import "strings"

// Identity is who the backend is acting as, as STS GetCallerIdentity reports it.
type Identity struct {
	Account string
	Arn     string
	UserID  string
}

// Name is the short principal name shown in the console header: the user name for an
// IAM user ("lab-user"), "root" for the account root, else the last ARN segment.
func (i Identity) Name() string {
	if strings.HasSuffix(i.Arn, ":root") {
		return "root"
	}
	if idx := strings.LastIndex(i.Arn, "/"); idx >= 0 {
		return i.Arn[idx+1:]
	}
	return i.Arn
}
