// Package ec2 is the simulated Amazon EC2 service (ec2Query, API 2016-11-15): just
// enough of VPC and instances for the lab's part D (a VPC, a public subnet, an
// internet gateway, a security group with ports 22 and 80, a t2.micro) and for the
// console and the AWS CLI to look at them.
//
// Files by concern: shapes.go (wire shapes), store.go (state: one JSON document per
// resource), vpc.go (VPCs, subnets, internet gateways), securitygroups.go,
// instances.go (+ state.go for the pending→running life cycle), tags.go, filters.go,
// errors.go (EC2's wording), billing.go (running instances cost money).
package ec2

import (
	"context"
	"sync"
	"time"

	"github.com/labconsole/labconsole/backend/sim/protocol"
	"github.com/labconsole/labconsole/backend/sim/service"
	"github.com/labconsole/labconsole/backend/sim/store"
)

var spec = &protocol.Spec{
	SigningName:  "ec2",
	APIVersion:   "2016-11-15",
	XMLNamespace: protocol.EC2Namespace,
	EC2:          true,
}

// Service is one account's EC2 in its home region.
type Service struct {
	db      *store.DB
	account string
	region  string
	now     func() time.Time // simulated clock, for the bill
	ops     service.Ops
	// mu serialises read-modify-write of resource documents; SQLite alone would
	// let two CreateTags on one instance lose an update.
	mu sync.Mutex
}

// New opens EC2's state in db and seeds the default VPC every account has.
func New(ctx context.Context, db *store.DB, account, region string, now func() time.Time) (*Service, error) {
	if err := db.Migrate(ctx, "ec2", migrations); err != nil {
		return nil, err
	}
	s := &Service{db: db, account: account, region: region, now: now}
	s.ops = service.Ops{
		"CreateVpc":                     service.Op(s.createVpc),
		"DescribeVpcs":                  service.Op(s.describeVpcs),
		"CreateSubnet":                  service.Op(s.createSubnet),
		"DescribeSubnets":               service.Op(s.describeSubnets),
		"CreateInternetGateway":         service.Op(s.createInternetGateway),
		"AttachInternetGateway":         service.Op(s.attachInternetGateway),
		"DescribeInternetGateways":      service.Op(s.describeInternetGateways),
		"CreateSecurityGroup":           service.Op(s.createSecurityGroup),
		"DescribeSecurityGroups":        service.Op(s.describeSecurityGroups),
		"AuthorizeSecurityGroupIngress": service.Op(s.authorizeSecurityGroupIngress),
		"RunInstances":                  service.Op(s.runInstances),
		"DescribeInstances":             service.Op(s.describeInstances),
		"TerminateInstances":            service.Op(s.terminateInstances),
		"CreateTags":                    service.Op(s.createTags),
		"DescribeTags":                  service.Op(s.describeTags),
	}
	if err := s.seedDefaultVPC(ctx, now()); err != nil {
		return nil, err
	}
	return s, nil
}

// Spec implements service.Service.
func (s *Service) Spec() *protocol.Spec { return spec }

// Handler implements service.Service.
func (s *Service) Handler(op string) (service.Handler, bool) { return s.ops.Handler(op) }

// arn is the ARN of an EC2 resource ("vpc", "vpc-…"); id "*" for "any".
func (s *Service) arn(c *service.Call, typ, id string) string {
	return "arn:aws:ec2:" + c.Region + ":" + s.account + ":" + typ + "/" + id
}
