// Package backend is the one interface the UI sees: small per-service interfaces over
// the domain model, implemented once by backend/awsapi for real AWS and the simulator
// alike, so every screen runs the same code path in both modes.
package backend

import (
	"context"

	"github.com/labconsole/labconsole/model"
)

// Mode says what the backend talks to; the header shows it so nobody mistakes a real
// account for the simulator.
type Mode int

const (
	ModeSimulator Mode = iota + 1
	ModeAWS
)

// Info describes the connection, for the header and for AWS CLI equivalents.
type Info struct {
	Mode     Mode
	Region   string
	Profile  string
	Endpoint string // "" for real AWS endpoints
}

// Backend is everything a screen may ask of AWS.
type Backend interface {
	Info() Info
	Identity
	Sessions
	IAM
	S3
	CloudTrail
	CloudWatch
	SNS
	Billing
	Logs
}

// Identity answers who the credentials belong to.
type Identity interface {
	CallerIdentity(ctx context.Context) (model.Identity, error)
}
