package sim

import (
	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// authorize is the account's policy decision point, installed on every Call.
func (s *Sim) authorize(c *service.Call, req service.AuthzRequest) error {
	docs, err := s.iam.PolicyDocuments(c.Ctx, c.Principal.UserID)
	if err != nil {
		return err
	}
	for _, d := range docs {
		if d.Arn == "arn:aws:iam::aws:policy/AdministratorAccess" {
			return nil
		}
	}
	return accessDenied(c, req)
}

// accessDenied words an implicit denial as AWS does, with the service's error code.
func accessDenied(c *service.Call, req service.AuthzRequest) error {
	action := req.Action
	on := ""
	if req.Resource != "" && req.Resource != "*" {
		if req.QuoteResource {
			on = ` on resource: "` + req.Resource + `"`
		} else {
			on = " on resource: " + req.Resource
		}
	}
	msg := "User: " + c.Principal.Arn + " is not authorized to perform: " + action + on + " because no identity-based policy allows the " + action + " action"
	code, status := "AccessDenied", 403
	switch c.Req.Kind {
	case protocol.JSON10, protocol.JSON11:
		code, status = "AccessDeniedException", 400
	}
	return protocol.NewError(status, code, msg)
}
