package ec2

import (
	"net/netip"
	"strings"

	"github.com/labconsole/labconsole/backend/sim/service"
)

// allTraffic is the egress rule every new security group starts with.
func allTraffic() IpPermission {
	return IpPermission{IpProtocol: "-1", IpRanges: []IpRange{{CidrIp: "0.0.0.0/0"}}}
}

// CreateSecurityGroupInput is CreateSecurityGroup's input.
type CreateSecurityGroupInput struct {
	GroupName         string
	Description       string `ec2:"GroupDescription"`
	VpcId             *string
	TagSpecifications []TagSpecification `ec2:"TagSpecification"`
	DryRun            *bool
}

// CreateSecurityGroupOutput is CreateSecurityGroup's output.
type CreateSecurityGroupOutput struct {
	GroupId          string
	SecurityGroupArn string
	Tags             []Tag `ec2:"tagSet"`
}

func (s *Service) createSecurityGroup(c *service.Call, in *CreateSecurityGroupInput) (*CreateSecurityGroupOutput, error) {
	if in.GroupName == "" {
		return nil, missingParameter("groupName")
	}
	if in.Description == "" {
		return nil, missingParameter("groupDescription")
	}
	if strings.HasPrefix(strings.ToLower(in.GroupName), "sg-") {
		return nil, invalidParameterValue("Group names may not be in the format sg-*")
	}
	if err := authorize(c, "ec2:CreateSecurityGroup", s.arn(c, "security-group", "*"), in.DryRun); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	vpcID, err := s.vpcOrDefault(c, in.VpcId)
	if err != nil {
		return nil, err
	}
	all, err := list[SecurityGroup](c.Ctx, s, kindSG)
	if err != nil {
		return nil, err
	}
	for _, g := range all {
		if g.VpcId == vpcID && strings.EqualFold(g.GroupName, in.GroupName) {
			return nil, duplicateGroup(in.GroupName, vpcID)
		}
	}
	g := SecurityGroup{GroupId: newID("sg"), GroupName: in.GroupName, Description: in.Description, OwnerId: s.account, VpcId: vpcID,
		IpPermissions: []IpPermission{}, IpPermissionsEgress: []IpPermission{allTraffic()}, Tags: nonNilTags(tagsFor(in.TagSpecifications, "security-group"))}
	g.SecurityGroupArn = s.arn(c, "security-group", g.GroupId)
	if err := s.put(c.Ctx, kindSG, g.GroupId, g); err != nil {
		return nil, err
	}
	touched(c, resSG, g.GroupId)
	touched(c, resVpc, vpcID)
	return &CreateSecurityGroupOutput{GroupId: g.GroupId, SecurityGroupArn: g.SecurityGroupArn, Tags: g.Tags}, nil
}

// vpcOrDefault checks the VPC named, or finds the default VPC.
func (s *Service) vpcOrDefault(c *service.Call, id *string) (string, error) {
	if id != nil && *id != "" {
		var v Vpc
		ok, err := s.get(c.Ctx, kindVpc, *id, &v)
		if err == nil && !ok {
			err = vpcNotFound(*id)
		}
		return *id, err
	}
	vpcs, err := list[Vpc](c.Ctx, s, kindVpc)
	if err != nil {
		return "", err
	}
	for _, v := range vpcs {
		if v.IsDefault {
			return v.VpcId, nil
		}
	}
	return "", missingParameter("vpcId")
}

// AuthorizeSecurityGroupIngressInput is AuthorizeSecurityGroupIngress' input: either
// IpPermissions or the legacy single-rule members the AWS CLI's --protocol/--port/
// --cidr shorthand sends.
type AuthorizeSecurityGroupIngressInput struct {
	GroupId       *string
	GroupName     *string
	IpPermissions []IpPermission
	IpProtocol    *string
	FromPort      *int32
	ToPort        *int32
	CidrIp        *string
	DryRun        *bool
}

// AuthorizeSecurityGroupIngressOutput is AuthorizeSecurityGroupIngress' output.
type AuthorizeSecurityGroupIngressOutput struct {
	Return bool
}

func (s *Service) authorizeSecurityGroupIngress(c *service.Call, in *AuthorizeSecurityGroupIngressInput) (*AuthorizeSecurityGroupIngressOutput, error) {
	perms := in.IpPermissions
	if in.IpProtocol != nil || in.CidrIp != nil {
		p := IpPermission{IpProtocol: deref(in.IpProtocol), FromPort: in.FromPort, ToPort: in.ToPort}
		if in.CidrIp != nil {
			p.IpRanges = []IpRange{{CidrIp: *in.CidrIp}}
		}
		perms = append(perms, p)
	}
	if len(perms) == 0 {
		return nil, missingParameter("ipPermissions")
	}
	for i := range perms {
		if err := normalise(&perms[i]); err != nil {
			return nil, err
		}
	}
	if in.GroupId == nil && in.GroupName == nil {
		return nil, missingParameter("groupId")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g, err := s.findGroup(c, in.GroupId, in.GroupName)
	if err != nil {
		// Authorize against the named group even when it is missing, so a
		// denied caller cannot probe for group IDs.
		if aerr := authorize(c, "ec2:AuthorizeSecurityGroupIngress", s.arn(c, "security-group", deref(in.GroupId)), in.DryRun); aerr != nil {
			return nil, aerr
		}
		return nil, err
	}
	if err := authorize(c, "ec2:AuthorizeSecurityGroupIngress", g.SecurityGroupArn, in.DryRun); err != nil {
		return nil, err
	}
	for _, p := range perms {
		for _, r := range p.IpRanges {
			if hasRule(g.IpPermissions, p, r.CidrIp) {
				return nil, duplicatePermission(g.GroupId, p.IpProtocol, r.CidrIp, deref32(p.FromPort), deref32(p.ToPort))
			}
		}
		g.IpPermissions = append(g.IpPermissions, p)
	}
	if err := s.put(c.Ctx, kindSG, g.GroupId, g); err != nil {
		return nil, err
	}
	touched(c, resSG, g.GroupId)
	return &AuthorizeSecurityGroupIngressOutput{Return: true}, nil
}

// normalise checks a rule the way EC2 does: a known protocol, ports for TCP/UDP,
// valid CIDRs. "-1" (all traffic) carries no ports.
func normalise(p *IpPermission) error {
	proto := strings.ToLower(p.IpProtocol)
	if name, ok := protocolNumbers[proto]; ok {
		proto = name
	}
	switch proto {
	case "tcp", "udp":
		p.IpProtocol = proto
		if p.FromPort == nil || p.ToPort == nil {
			return invalidParameterValue("Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.")
		}
		if *p.FromPort < 0 || *p.ToPort > 65535 || *p.FromPort > *p.ToPort {
			return invalidParameterValue("Invalid TCP/UDP port range (%d to %d).", *p.FromPort, *p.ToPort)
		}
	case "icmp":
		p.IpProtocol = "icmp"
	case "-1", "all":
		p.IpProtocol, p.FromPort, p.ToPort = "-1", nil, nil
	default:
		return invalidParameterValue("Invalid value '%s' for IP protocol. Unknown protocol.", p.IpProtocol)
	}
	for _, r := range p.IpRanges {
		if _, err := netip.ParsePrefix(r.CidrIp); err != nil {
			return invalidParameterValue("CIDR block %s is malformed", r.CidrIp)
		}
	}
	return nil
}

// protocolNumbers are the IANA numbers EC2 accepts for the named protocols.
var protocolNumbers = map[string]string{"6": "tcp", "17": "udp", "1": "icmp"}

func hasRule(have []IpPermission, p IpPermission, cidr string) bool {
	for _, h := range have {
		if h.IpProtocol != p.IpProtocol || deref32(h.FromPort) != deref32(p.FromPort) || deref32(h.ToPort) != deref32(p.ToPort) {
			continue
		}
		for _, r := range h.IpRanges {
			if r.CidrIp == cidr {
				return true
			}
		}
	}
	return false
}

// findGroup finds a security group by ID, or by name in the default VPC (EC2's
// GroupName parameter only addresses default-VPC groups).
func (s *Service) findGroup(c *service.Call, id, name *string) (SecurityGroup, error) {
	var g SecurityGroup
	if id != nil {
		ok, err := s.get(c.Ctx, kindSG, *id, &g)
		if err == nil && !ok {
			err = groupNotFound(*id)
		}
		return g, err
	}
	all, err := list[SecurityGroup](c.Ctx, s, kindSG)
	if err != nil {
		return g, err
	}
	def, _ := s.vpcOrDefault(c, nil)
	for _, g := range all {
		if g.GroupName == *name && g.VpcId == def {
			return g, nil
		}
	}
	return g, groupNotFound(*name)
}

// DescribeSecurityGroupsInput is DescribeSecurityGroups' input.
type DescribeSecurityGroupsInput struct {
	GroupIds   []string `ec2:"GroupId"`
	GroupNames []string `ec2:"GroupName"`
	Filters    []Filter `ec2:"Filter"`
	MaxResults *int32
	NextToken  *string
	DryRun     *bool
}

// DescribeSecurityGroupsOutput is DescribeSecurityGroups' output.
type DescribeSecurityGroupsOutput struct {
	SecurityGroups []SecurityGroup `ec2:"securityGroupInfo"`
}

func (s *Service) describeSecurityGroups(c *service.Call, in *DescribeSecurityGroupsInput) (*DescribeSecurityGroupsOutput, error) {
	if err := authorize(c, "ec2:DescribeSecurityGroups", "", in.DryRun); err != nil {
		return nil, err
	}
	all, err := list[SecurityGroup](c.Ctx, s, kindSG)
	if err != nil {
		return nil, err
	}
	out := &DescribeSecurityGroupsOutput{SecurityGroups: []SecurityGroup{}}
	found := map[string]bool{}
	for _, g := range all {
		found[g.GroupId], found[g.GroupName] = true, true
		if !wanted(in.GroupIds, g.GroupId) || !wanted(in.GroupNames, g.GroupName) {
			continue
		}
		ok, err := matchFilters(in.Filters, g.Tags, func(name string) ([]string, bool) {
			switch name {
			case "group-id":
				return []string{g.GroupId}, true
			case "group-name":
				return []string{g.GroupName}, true
			case "vpc-id":
				return []string{g.VpcId}, true
			case "description":
				return []string{g.Description}, true
			case "owner-id":
				return []string{g.OwnerId}, true
			}
			return nil, false
		})
		if err != nil {
			return nil, err
		}
		if ok {
			g.Tags = nonNilTags(g.Tags)
			out.SecurityGroups = append(out.SecurityGroups, g)
		}
	}
	if id, ok := missing(append(append([]string{}, in.GroupIds...), in.GroupNames...), found); ok {
		return nil, groupNotFound(id)
	}
	return out, nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func deref32(p *int32) int32 {
	if p == nil {
		return -1
	}
	return *p
}
