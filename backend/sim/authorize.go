package sim

import (
	"net/http"
	"sync"

	"github.com/labconsole/labconsole/backend/sim/policy"
	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
)

// authorize is the account's policy decision point, installed on every Call: the
// caller's identity-based policies (and the resource's own policy, if the service
// passes one) are evaluated by the policy engine, and a denial is worded as AWS does.
func (s *Sim) authorize(c *service.Call, req service.AuthzRequest) error {
	docs, err := s.iam.PolicyDocuments(c.Ctx, c.Principal.UserID)
	if err != nil {
		return err
	}
	named := make([]policy.NamedDocument, 0, len(docs))
	for _, d := range docs {
		doc, err := compiled(d.Document, policy.Parse, "identity")
		if err != nil {
			s.log.Warn("skipping a policy that does not parse", "policy", d.Arn, "name", d.Name, "err", err)
			continue
		}
		named = append(named, policy.NamedDocument{Arn: d.Arn, Doc: doc})
	}
	preq := &policy.Request{
		Principal: policy.Principal{Arn: c.Principal.Arn, Account: c.Principal.Account, UserName: c.Principal.UserName, UserID: c.Principal.UserID, Type: c.Principal.Type},
		Action:    req.Action,
		Resource:  req.Resource,
		Time:      c.Now,
		KeyPolicy: req.KeyPolicy,
	}
	preq.SetContext("aws:username", c.Principal.UserName)
	preq.SetContext("aws:userid", c.Principal.UserID)
	preq.SetContext("aws:PrincipalArn", c.Principal.Arn)
	preq.SetContext("aws:PrincipalAccount", c.Principal.Account)
	preq.SetContext("aws:PrincipalType", "User")
	preq.SetContext("aws:SourceIp", c.SourceIP)
	preq.SetContext("aws:SecureTransport", secureTransport(c.Req.HTTP))
	preq.SetContext("aws:RequestedRegion", c.Region)
	for k, v := range req.Context {
		preq.SetContext(k, v...)
	}
	var resourcePolicy *policy.Document
	if req.ResourcePolicy != "" {
		if resourcePolicy, err = compiled(req.ResourcePolicy, policy.ParseResource, "resource"); err != nil {
			s.log.Warn("ignoring a resource policy that does not parse", "resource", req.Resource, "err", err)
			resourcePolicy = nil
		}
	}
	res := policy.Evaluate(preq, policy.NewPolicySet(named...), resourcePolicy, nil)
	if res.Decision == policy.Allow {
		return nil
	}
	style := policy.MessageStyle{QuoteResource: req.QuoteResource, UpperServicePrefix: req.CapitalizePrefix, OmitResource: req.Resource == "" || req.Resource == "*"}
	return accessDenied(c, policy.DenyMessage(preq, res, style))
}

func secureTransport(r *http.Request) string {
	if r != nil && r.TLS != nil {
		return "true"
	}
	return "false"
}

// accessDenied is the denial in the code each protocol family uses: AccessDenied
// (403) for awsQuery, S3 and CloudWatch, AccessDeniedException for JSON services, and
// AuthorizationError for SNS.
func accessDenied(c *service.Call, msg string) error {
	code, status := "AccessDenied", 403
	switch {
	case c.Spec != nil && c.Spec.SigningName == "sns":
		code = "AuthorizationError"
	case (c.Req.Kind == protocol.JSON10 || c.Req.Kind == protocol.JSON11) && (c.Spec == nil || !c.Spec.QueryCompatible):
		code, status = "AccessDeniedException", 400
	}
	return protocol.NewError(status, code, msg)
}

// docCache holds compiled policy documents by their text. Documents are immutable
// once parsed, so sessions share them; the cache is bounded by clearing when full.
var docCache = struct {
	sync.Mutex
	m map[string]*policy.Document
}{m: map[string]*policy.Document{}}

const docCacheMax = 4096

func compiled(text string, parse func(string) (*policy.Document, error), kind string) (*policy.Document, error) {
	key := kind + "\x00" + text
	docCache.Lock()
	d, ok := docCache.m[key]
	docCache.Unlock()
	if ok {
		return d, nil
	}
	d, err := parse(text)
	if err != nil {
		return nil, err
	}
	docCache.Lock()
	if len(docCache.m) >= docCacheMax {
		docCache.m = map[string]*policy.Document{}
	}
	docCache.m[key] = d
	docCache.Unlock()
	return d, nil
}
