// Package sts is the simulated AWS Security Token Service (awsQuery, 2011-06-15).
package sts

import (
	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

var spec = &protocol.Spec{
	SigningName:  "sts",
	APIVersion:   "2011-06-15",
	XMLNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
}

// Service is STS. It keeps no state of its own: the caller's identity comes from the
// router's authentication.
type Service struct{ ops service.Ops }

// New returns STS.
func New() *Service {
	s := &Service{}
	s.ops = service.Ops{"GetCallerIdentity": service.Op(getCallerIdentity)}
	return s
}

// Spec implements service.Service.
func (s *Service) Spec() *protocol.Spec { return spec }

// Handler implements service.Service.
func (s *Service) Handler(op string) (service.Handler, bool) { return s.ops.Handler(op) }

type getCallerIdentityInput struct{}

type getCallerIdentityOutput struct {
	UserId  string
	Account string
	Arn     string
}

// getCallerIdentity needs no permission: AWS answers it even when every action is
// explicitly denied.
func getCallerIdentity(c *service.Call, _ *getCallerIdentityInput) (*getCallerIdentityOutput, error) {
	c.SkipAuthorization()
	return &getCallerIdentityOutput{UserId: c.Principal.UserID, Account: c.Principal.Account, Arn: c.Principal.Arn}, nil
}
